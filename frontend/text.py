"""The sites' own words (Swedish first, English where translated) and their section paths.

Content comes from the API in its own language; these are the words around it. A
dict per language keeps the two versions side by side, so a missing English string
falls back to Swedish instead of disappearing.
"""

from __future__ import annotations

DEFAULT_LANGUAGE = "sv"
LANGUAGES = {"sv": "Svenska", "en": "English"}

#: Section slugs of the public site per language (the CMS's index pages use the same).
SECTIONS = {
    "sv": {
        "news": "nyheter",
        "notices": "anslagstavla",
        "press": "pressrum",
        "search": "sok",
        "accessibility": "tillganglighet",
        "feedback": "synpunkter",
        "subscribe": "prenumerera",
        "archive": "arkiv",
    },
    "en": {
        "news": "news",
        "notices": "notice-board",
        "press": "press-room",
        "search": "search",
        "accessibility": "accessibility",
        "feedback": "feedback",
        "subscribe": "subscribe",
        "archive": "archive",
    },
}

TEXT = {
    "sv": {
        "skip": "Gå direkt till innehållet",
        "menu": "Huvudmeny",
        "home": "Startsida",
        "news": "Nyheter",
        "notices": "Anslagstavla",
        "notices_long": "Officiell anslagstavla",
        "press": "Pressrum",
        "search": "Sök",
        "search_label": "Sök på webbplatsen",
        "search_button": "Sök",
        "accessibility": "Tillgänglighet",
        "feedback": "Lämna synpunkter",
        "subscribe": "Prenumerera",
        "language": "Språk",
        "in_english": "In English",
        "in_swedish": "På svenska",
        "latest_news": "Senaste nyheterna",
        "current_notices": "Aktuella anslag",
        "latest_press": "Från pressrummet",
        "all_news": "Alla nyheter",
        "all_notices": "Hela anslagstavlan",
        "to_press": "Till pressrummet",
        "published": "Publicerad",
        "updated": "Uppdaterad",
        "topic": "Ämne",
        "all_topics": "Alla ämnen",
        "filter": "Filtrera",
        "next_page": "Nästa sida",
        "previous_page": "Föregående sida",
        "did_you_mean": "Menade du",
        "first_page": "Första sidan",
        "no_items": "Det finns inget att visa just nu.",
        "posting_date": "Anslaget",
        "removal_date": "Tas ner tidigast",
        "issuing_body": "Organ",
        "meeting_date": "Sammanträde",
        "meeting_location": "Plats",
        "adjustment_date": "Justerat",
        "minutes_location": "Protokollet förvaras",
        "archive": "Arkiv",
        "notice_archive": "Anslagsarkiv",
        "current": "Aktuella anslag",
        "appeal_heading": "Så överklagar du",
        "appeal_text": (
            "Beslut som anslås här kan överklagas genom laglighetsprövning enligt "
            "kommunallagen (13 kap.). Överklagandet ska ha kommit in till "
            "förvaltningsrätten inom tre veckor från den dag då justeringen av "
            "protokollet tillkännagavs på anslagstavlan. Vissa beslut överklagas i "
            "stället genom förvaltningsbesvär; det framgår då av beslutet."
        ),
        "press_releases": "Pressmeddelanden",
        "invitations": "Pressinbjudningar",
        "media_contacts": "Mediekontakter",
        "feeds": "Flöden",
        "feed_news": "Nyheter (RSS)",
        "feed_news_atom": "Nyheter (Atom)",
        "feed_notices": "Anslagstavlan (RSS)",
        "feed_press": "Pressmeddelanden (RSS)",
        "calendar_press": "Pressinbjudningar i din kalender (iCal)",
        "calendar_meetings": "Sammanträden i din kalender (iCal)",
        "about": "Om Ekby kommun",
        "event": "Tid",
        "location": "Plats",
        "attachments": "Bilagor",
        "contact": "Kontakt",
        "translations": "Finns även på",
        "site_footer": "Sidfot",
        "footer_text": "Ekby kommun · Storgatan 1 · 123 45 Ekby · 0123-45 60 00",
        "not_found_title": "Sidan finns inte",
        "not_found_text": (
            "Vi hittar inte sidan du söker. Den kan ha flyttats eller tagits bort. "
            "Gå till startsidan eller sök på webbplatsen."
        ),
        "gone_title": "Sidan är borttagen",
        "gone_text": "Innehållet på den här adressen har tagits bort och kommer inte tillbaka.",
        "unavailable_title": "Webbplatsen är tillfälligt otillgänglig",
        "unavailable_text": (
            "Vi kan inte visa sidan just nu på grund av ett tekniskt fel. Försök igen om "
            "en liten stund. Brådskande ärenden: ring kommunens växel 0123-45 60 00."
        ),
        "error_title": "Något gick fel",
        "error_text": "Ett oväntat fel inträffade. Försök igen om en stund.",
        "preview_banner": "Förhandsvisning av ett utkast – inte publicerat.",
        "a11y_title": "Tillgänglighetsredogörelse",
        "report_title": "Rapportera brister i tillgängligheten",
        "report_intro": (
            "Upplever du att något på webbplatsen inte är tillgängligt? Beskriv problemet "
            "så åtgärdar vi det."
        ),
        "message": "Beskriv problemet",
        "name": "Namn (frivilligt)",
        "email": "E-postadress (frivilligt, om du vill ha svar)",
        "send": "Skicka",
        "thanks": "Tack! Vi har tagit emot ditt meddelande.",
        "form_error": "Formuläret innehåller fel. Rätta dem och skicka igen.",
        "form_unavailable": "Formuläret fungerar inte just nu. Skicka e-post till",
        "feedback_title": "Lämna synpunkter",
        "feedback_intro": "Tyck till om kommunens verksamhet. Vi svarar om du lämnar e-post.",
        "category": "Typ av synpunkt",
        "cat_suggestion": "Förslag",
        "cat_complaint": "Klagomål",
        "cat_praise": "Beröm",
        "cat_question": "Fråga",
        "your_message": "Din synpunkt",
        "results": "träffar",
        "approximately": "cirka",
        "search_results": "Sökresultat",
        "no_results": "Inga träffar.",
        "search_unavailable": "Sökningen fungerar inte just nu. Försök igen senare.",
        "type": "Typ",
        "all_types": "Alla typer",
        "type_news": "Nyhet",
        "type_notice": "Anslag",
        "type_press_release": "Pressmeddelande",
        "type_staff_bulletin": "INblick",
        "subscribe_title": "Prenumerera på nyheter",
        "subscribe_intro": "Få e-post när vi publicerar något inom de ämnen du väljer.",
        "topics": "Ämnen",
        "frequency": "Hur ofta",
        "freq_immediate": "Direkt",
        "freq_weekly": "Veckosammanfattning",
        "email_required": "E-postadress",
        "consent": "Jag samtycker till att kommunen sparar min e-postadress för utskicken.",
        "subscribe_sent": (
            "Tack! Om adressen kan ta emot e-post får du ett meddelande med en länk som "
            "bekräftar prenumerationen."
        ),
        "confirm_title": "Bekräfta prenumeration",
        "confirmed": "Din prenumeration är bekräftad.",
        "link_invalid": "Länken är ogiltig eller har gått ut.",
        "preferences_title": "Dina inställningar",
        "saved": "Dina inställningar är sparade.",
        "save": "Spara",
        "unsubscribe_title": "Avsluta prenumeration",
        "unsubscribe_button": "Avsluta prenumerationen",
        "unsubscribed": "Du prenumererar inte längre.",
        "mail_unavailable": "Prenumerationer fungerar inte just nu. Försök igen senare.",
        # Intranet
        "intranet": "Intranätet",
        "bulletins": "INblick",
        "bulletins_long": "INblick – personalbladet",
        "internal_news": "Nyheter",
        "log_in": "Logga in",
        "log_out": "Logga ut",
        "login_title": "Logga in på intranätet",
        "login_text": "Intranätet är för kommunens medarbetare. Logga in med ditt konto.",
        "login_failed": "Inloggningen misslyckades. Försök igen.",
        "logged_in_as": "Inloggad",
        "for_staff": "Internt",
        "screen_title": "Aktuellt",
        "tip": "Tipsa",
        "tip_heading": "Tipsa om en nyhet",
        "tip_intro": (
            "Har din enhet något att berätta? Informatörerna tar emot tips om händelser "
            "och beslut och hör av sig till dig."
        ),
        "tip_title": "Rubrik",
        "tip_text": "Vad har hänt eller ska hända?",
        "tip_unit": "Enhet",
        "tip_choose_unit": "Välj enhet",
        "tip_date": "Datum för händelsen (frivilligt)",
        "tip_sent": "Tack för tipset! Informatörerna har fått det.",
        "tip_title_missing": "Skriv en rubrik.",
        "tip_text_missing": "Beskriv nyheten.",
        "tip_unit_missing": "Välj vilken enhet det gäller.",
        "tip_date_invalid": "Skriv datumet som ÅÅÅÅ-MM-DD.",
        "screen_no_token": "Skärmen saknar en giltig enhetstoken.",
    },
    "en": {
        "skip": "Skip to content",
        "menu": "Main menu",
        "home": "Home",
        "news": "News",
        "notices": "Notice board",
        "notices_long": "Official notice board",
        "press": "Press room",
        "search": "Search",
        "search_label": "Search the website",
        "search_button": "Search",
        "accessibility": "Accessibility",
        "feedback": "Give feedback",
        "subscribe": "Subscribe",
        "language": "Language",
        "latest_news": "Latest news",
        "current_notices": "Current notices",
        "latest_press": "From the press room",
        "all_news": "All news",
        "all_notices": "The whole notice board",
        "to_press": "To the press room",
        "published": "Published",
        "updated": "Updated",
        "topic": "Topic",
        "all_topics": "All topics",
        "filter": "Filter",
        "next_page": "Next page",
        "previous_page": "Previous page",
        "did_you_mean": "Did you mean",
        "first_page": "First page",
        "no_items": "There is nothing to show right now.",
        "posting_date": "Posted",
        "removal_date": "Removed at the earliest",
        "issuing_body": "Body",
        "meeting_date": "Meeting",
        "meeting_location": "Location",
        "adjustment_date": "Approved",
        "minutes_location": "Minutes kept at",
        "archive": "Archive",
        "notice_archive": "Notice archive",
        "current": "Current notices",
        "appeal_heading": "How to appeal",
        "appeal_text": (
            "Decisions posted here can be appealed under the Local Government Act "
            "(chapter 13). The appeal must reach the administrative court within three "
            "weeks of the day the approval of the minutes was announced on this board. "
            "Some decisions are appealed differently; the decision then says how."
        ),
        "press_releases": "Press releases",
        "invitations": "Press invitations",
        "media_contacts": "Media contacts",
        "feeds": "Feeds",
        "feed_news": "News (RSS)",
        "feed_news_atom": "News (Atom)",
        "feed_notices": "Notice board (RSS)",
        "feed_press": "Press releases (RSS)",
        "calendar_press": "Press invitations in your calendar (iCal)",
        "kind_meeting": "Notice of meeting",
        "kind_adjusted_minutes": "Approved minutes",
        "kind_delegated_decision": "Delegated decision",
        "kind_other": "Notice",
        "kind_release": "Press release",
        "kind_invitation": "Press invitation",
        "calendar_meetings": "Council meetings in your calendar (iCal)",
        "about": "About Ekby Municipality",
        "event": "Time",
        "location": "Location",
        "attachments": "Attachments",
        "contact": "Contact",
        "translations": "Also available in",
        "site_footer": "Footer",
        "footer_text": "Ekby Municipality · Storgatan 1 · SE-123 45 Ekby · +46 123 45 60 00",
        "not_found_title": "Page not found",
        "not_found_text": (
            "We cannot find the page you are looking for. It may have moved or been "
            "removed. Go to the home page or search the website."
        ),
        "gone_title": "Page removed",
        "gone_text": "The content at this address has been removed for good.",
        "unavailable_title": "The website is temporarily unavailable",
        "unavailable_text": (
            "We cannot show this page right now because of a technical fault. Please try "
            "again in a little while."
        ),
        "error_title": "Something went wrong",
        "error_text": "An unexpected error occurred. Please try again later.",
        "preview_banner": "Preview of a draft – not published.",
        "a11y_title": "Accessibility statement",
        "report_title": "Report an accessibility problem",
        "report_intro": (
            "Is something on this website not accessible to you? Tell us and we will fix it."
        ),
        "message": "Describe the problem",
        "name": "Name (optional)",
        "email": "E-mail address (optional, if you want a reply)",
        "send": "Send",
        "thanks": "Thank you! We have received your message.",
        "form_error": "The form has errors. Correct them and send again.",
        "form_unavailable": "The form is not working right now. Please e-mail",
        "feedback_title": "Give feedback",
        "feedback_intro": "Tell us what you think. We reply if you leave an e-mail address.",
        "category": "Kind of feedback",
        "cat_suggestion": "Suggestion",
        "cat_complaint": "Complaint",
        "cat_praise": "Praise",
        "cat_question": "Question",
        "your_message": "Your feedback",
        "results": "results",
        "approximately": "about",
        "search_results": "Search results",
        "no_results": "No results.",
        "search_unavailable": "Search is not working right now. Please try again later.",
        "type": "Type",
        "all_types": "All types",
        "type_news": "News",
        "type_notice": "Notice",
        "type_press_release": "Press release",
        "subscribe_title": "Subscribe to news",
        "subscribe_intro": "Get an e-mail when we publish something on the topics you choose.",
        "topics": "Topics",
        "frequency": "How often",
        "freq_immediate": "Immediately",
        "freq_weekly": "Weekly digest",
        "email_required": "E-mail address",
        "consent": "I agree that the municipality keeps my e-mail address for these messages.",
        "subscribe_sent": (
            "Thank you! If the address can receive e-mail, you will get a message with a "
            "link that confirms the subscription."
        ),
        "confirm_title": "Confirm subscription",
        "confirmed": "Your subscription is confirmed.",
        "link_invalid": "The link is invalid or has expired.",
        "preferences_title": "Your preferences",
        "saved": "Your preferences are saved.",
        "save": "Save",
        "unsubscribe_title": "Unsubscribe",
        "unsubscribe_button": "Unsubscribe",
        "unsubscribed": "You are no longer subscribed.",
        "mail_unavailable": "Subscriptions are not working right now. Please try again later.",
    },
}


class Words(dict):
    """The UI words of one language; a missing one falls back to Swedish."""

    def __init__(self, language: str):
        super().__init__(TEXT[DEFAULT_LANGUAGE])
        self.update(TEXT.get(language, {}))
        self.language = language

    def __missing__(self, key):
        return key


def words(language: str) -> Words:
    """The UI words of ``language``."""
    return Words(language if language in TEXT else DEFAULT_LANGUAGE)


def section_path(language: str, section: str, *rest: str) -> str:
    """The public path of a section, e.g. ``/en/notice-board/archive/``."""
    prefix = "" if language == DEFAULT_LANGUAGE else f"/{language}"
    parts = [SECTIONS[language][section], *rest]
    return f"{prefix}/{'/'.join(parts)}/"


def home_path(language: str) -> str:
    return "/" if language == DEFAULT_LANGUAGE else f"/{language}/"
