"""The demo municipality, declared as data: Ekby kommun.

Everything here is plain data; ``cms.demo.loader`` turns it into rows. Natural
keys identify each thing (unit name and parent, username, topic slug, page slug under
its parent and locale), so loading twice changes nothing.

Dates are relative to the day of loading (``days`` offsets), so the notice board and
press invitations always look current.
"""

from cms.core import roles

MUNICIPALITY = "Ekby kommun"
SITE_HOSTNAME = "localhost"
SITE_PORT = 80

HOME = {
    "sv": {"title": "Ekby kommun", "slug": "ekby-kommun", "intro": "Välkommen till Ekby kommun."},
    "en": {
        "title": "Ekby Municipality",
        "slug": "ekby-municipality",
        "intro": "Welcome to Ekby Municipality.",
    },
}

#: key → model name in cms.pages.models, Swedish and English title/slug, intro.
INDEX_PAGES = {
    "news": {
        "model": "NewsIndexPage",
        "sv": {"title": "Nyheter", "slug": "nyheter", "intro": "Nyheter från Ekby kommun."},
        "en": {"title": "News", "slug": "news", "intro": "News from Ekby Municipality."},
    },
    "notices": {
        "model": "NoticeBoardPage",
        "sv": {
            "title": "Anslagstavla",
            "slug": "anslagstavla",
            "intro": "Kommunens officiella anslagstavla enligt kommunallagen.",
        },
        "en": {
            "title": "Notice board",
            "slug": "notice-board",
            "intro": "The municipality's official notice board.",
        },
    },
    "press": {
        "model": "PressRoomPage",
        "sv": {"title": "Pressrum", "slug": "pressrum", "intro": "Pressmeddelanden och kontakter."},
        "en": {
            "title": "Press room",
            "slug": "press-room",
            "intro": "Press releases and contacts.",
        },
    },
    "bulletins": {
        "model": "StaffBulletinIndexPage",
        "sv": {"title": "INblick", "slug": "inblick", "intro": "Personalbladet för medarbetare."},
        "en": {"title": "INblick", "slug": "inblick", "intro": "The staff bulletin."},
    },
}

#: (name, short name, level, contact e-mail, children)
UNITS = [
    (
        "Kommunstyrelseförvaltningen",
        "KSF",
        "administration",
        "kommunstyrelsen@ekby.example",
        [
            ("Kommunikationsenheten", "KOM", "unit", "kommunikation@ekby.example", []),
            ("HR-avdelningen", "HR", "unit", "hr@ekby.example", []),
        ],
    ),
    (
        "Barn- och utbildningsförvaltningen",
        "BUF",
        "administration",
        "bou@ekby.example",
        [
            (
                "Förskoleverksamheten",
                "FSK",
                "operation",
                "forskola@ekby.example",
                [("Förskolan Solrosen", "SOL", "unit", "solrosen@ekby.example", [])],
            ),
            (
                "Grundskolan",
                "GRS",
                "operation",
                "grundskola@ekby.example",
                [("Ekbyskolan", "EKS", "unit", "ekbyskolan@ekby.example", [])],
            ),
        ],
    ),
    (
        "Samhällsbyggnadsförvaltningen",
        "SBF",
        "administration",
        "samhallsbyggnad@ekby.example",
        [
            ("Bygglovsenheten", "BYG", "unit", "bygglov@ekby.example", []),
            ("Gata och park", "GOP", "unit", "gataochpark@ekby.example", []),
        ],
    ),
    (
        "Kultur- och fritidsförvaltningen",
        "KFF",
        "administration",
        "kulturochfritid@ekby.example",
        [("Biblioteket", "BIB", "unit", "biblioteket@ekby.example", [])],
    ),
]

#: One user per role. ``manages``/``member_of`` name units. Förskolan Solrosen has no
#: manager of its own: its approver is the nearest ancestor's (Förskoleverksamheten).
USERS = [
    {
        "username": "medarbetare",
        "role": roles.STAFF,
        "first_name": "Sara",
        "last_name": "Lindqvist",
        "member_of": ["Förskolan Solrosen"],
        "manages": [],
    },
    {
        "username": "redaktor",
        "role": roles.EDITOR,
        "first_name": "Johan",
        "last_name": "Berg",
        "member_of": ["Förskoleverksamheten"],
        "manages": [],
    },
    {
        "username": "chef",
        "role": roles.MANAGER,
        "first_name": "Maria",
        "last_name": "Nilsson",
        "member_of": ["Förskoleverksamheten"],
        "manages": ["Förskoleverksamheten"],
    },
    {
        "username": "informator",
        "role": roles.COMMUNICATOR,
        "first_name": "Elin",
        "last_name": "Sjöberg",
        "member_of": ["Kommunikationsenheten"],
        "manages": [],
    },
    {
        "username": "kommunchef",
        "role": roles.DIRECTOR,
        "first_name": "Anders",
        "last_name": "Holm",
        "member_of": ["Kommunstyrelseförvaltningen"],
        # The municipal director also stands in as head of the other administrations,
        # so every unit in the demo has a responsible manager somewhere up the tree.
        "manages": [
            "Kommunstyrelseförvaltningen",
            "Barn- och utbildningsförvaltningen",
            "Samhällsbyggnadsförvaltningen",
            "Kultur- och fritidsförvaltningen",
        ],
    },
    {
        "username": "administrator",
        "role": roles.ADMINISTRATOR,
        "first_name": "Karin",
        "last_name": "Ek",
        "member_of": ["HR-avdelningen"],
        "manages": [],
        "is_staff": True,
    },
]
EMAIL_DOMAIN = "ekby.example"

#: (slug, Swedish name, English name, description)
TOPICS = [
    (
        "skola-och-forskola",
        "Skola och förskola",
        "School and preschool",
        "Förskola, skola, fritids.",
    ),
    ("bygga-och-bo", "Bygga och bo", "Building and housing", "Bygglov, detaljplaner, boende."),
    ("trafik", "Trafik", "Traffic", "Vägarbeten, kollektivtrafik, parkering."),
    (
        "kultur-och-fritid",
        "Kultur och fritid",
        "Culture and leisure",
        "Bibliotek, idrott, evenemang.",
    ),
    ("politik-och-beslut", "Politik och beslut", "Politics and decisions", "Nämnder och beslut."),
    ("jobb", "Jobb", "Jobs", "Lediga jobb och arbetsliv i kommunen."),
    ("omsorg-och-stod", "Omsorg och stöd", "Care and support", "Äldreomsorg, LSS, socialt stöd."),
    ("miljo", "Miljö", "Environment", "Natur, avfall, klimat."),
]

#: People; ``show_to_press`` makes a media contact. Keyed by name.
PEOPLE = [
    {
        "name": "Lena Åberg",
        "job_title": "Kommunikationschef",
        "title_en": "Head of Communications",
        "unit": "Kommunikationsenheten",
        "phone": "0123-45 60 01",
        "email": "lena.aberg@ekby.example",
        "show_to_press": True,
    },
    {
        "name": "Mikael Strand",
        "job_title": "Presschef",
        "title_en": "Press Officer",
        "unit": "Kommunikationsenheten",
        "phone": "0123-45 60 02",
        "email": "mikael.strand@ekby.example",
        "show_to_press": True,
    },
    {
        "name": "Anna Karlsson",
        "job_title": "Förskolechef",
        "title_en": "Head of Preschools",
        "unit": "Förskoleverksamheten",
        "phone": "0123-45 61 10",
        "email": "anna.karlsson@ekby.example",
        "show_to_press": True,
    },
    {
        "name": "Peter Lund",
        "job_title": "Bygglovschef",
        "title_en": "Head of Building Permits",
        "unit": "Bygglovsenheten",
        "phone": "0123-45 62 20",
        "email": "peter.lund@ekby.example",
        "show_to_press": False,
    },
    {
        "name": "Fatima Hassan",
        "job_title": "Bibliotekschef",
        "title_en": "Head Librarian",
        "unit": "Biblioteket",
        "phone": "0123-45 63 30",
        "email": "fatima.hassan@ekby.example",
        "show_to_press": False,
    },
]

MUNICIPALITY_SETTINGS = {
    "municipality_name": MUNICIPALITY,
    "about_municipality": (
        "Ekby kommun har 24 000 invånare och ligger vid sjön Ekern. Kommunen är den största "
        "arbetsgivaren i Ekby med 2 100 medarbetare inom skola, omsorg, samhällsbyggnad och "
        "kultur. Vi arbetar för att Ekby ska vara en trygg och levande plats att bo, verka "
        "och besöka."
    ),
    "about_municipality_en": (
        "Ekby Municipality has 24,000 residents and lies on Lake Ekern. The municipality is "
        "the largest employer in Ekby, with 2,100 staff in schools, care, planning and "
        "culture. We work to make Ekby a safe and lively place to live, work and visit."
    ),
    "appeal_instructions": (
        "Beslut som anslås här kan överklagas genom laglighetsprövning enligt kommunallagen "
        "13 kap. Överklagandet ska ha kommit in till förvaltningsrätten inom tre veckor från "
        "den dag då det justerade protokollet tillkännagavs på anslagstavlan (anslagsdagen). "
        "Skriv vilket beslut du överklagar och varför du anser att det är olagligt. Skicka "
        "överklagandet till Förvaltningsrätten i Ekstad."
    ),
    "appeal_instructions_en": (
        "Decisions posted here can be appealed through a legality review under chapter 13 of "
        "the Local Government Act. The appeal must reach the administrative court within "
        "three weeks of the day the approved minutes were announced on the notice board. "
        "State which decision you are appealing and why you consider it unlawful, and send "
        "the appeal to the Administrative Court in Ekstad."
    ),
    "press_email": "press@ekby.example",
    "press_phone": "0123-45 60 00",
}

#: Images drawn locally (``cms.demo.images``), keyed by a short name.
IMAGES = {
    "solrosen": {
        "title": "Förskolan Solrosen",
        "filename": "forskolan-solrosen.jpg",
        "scene": "preschool",
        "alt_text": "Tecknad bild av en låg, röd förskolebyggnad med gräsmatta framför och "
        "en sol på himlen.",
        "credit": "Illustration: Ekby kommun",
    },
    "solrosen_gard": {
        "title": "Förskolan Solrosens gård",
        "filename": "solrosens-gard.jpg",
        "scene": "playground",
        "alt_text": "Tecknad bild av en förskolegård med gungor, en gul rutschkana och en "
        "sandlåda med bollar.",
        "credit": "Illustration: Ekby kommun",
    },
    "storgatan": {
        "title": "Vägarbete på Storgatan",
        "filename": "vagarbete-storgatan.jpg",
        "scene": "roadwork",
        "alt_text": "Tecknad bild av en uppgrävd gata mellan husen, med orange vägkoner och "
        "en grävmaskin.",
        "credit": "Illustration: Ekby kommun",
    },
    "biblioteket": {
        "title": "Bokhyllor på biblioteket",
        "filename": "biblioteket.jpg",
        "scene": "library",
        "alt_text": "Tecknad bild av fyra fulla bokhyllor i många färger och en läslampa.",
        "credit": "Illustration: Ekby kommun",
    },
    "sjoviken": {
        "title": "Sjöviken vid Ekern",
        "filename": "sjoviken.jpg",
        "scene": "lakeside",
        "alt_text": "Tecknad bild av hus vid en sjö i kvällssol, med skog bakom.",
        "credit": "Illustration: Ekby kommun",
    },
    "krisberedskap": {
        "title": "Möte om krisberedskap",
        "filename": "krisberedskap.jpg",
        "scene": "meeting",
        "alt_text": "Tecknad bild av sex personer runt ett bord framför en tavla.",
        "credit": "Illustration: Ekby kommun",
    },
    "ekbyhojden": {
        "title": "Nya skolan i Ekbyhöjden",
        "filename": "skolan-ekbyhojden.jpg",
        "scene": "school",
        "alt_text": "Tecknad bild av en lång skolbyggnad i två våningar med en flagga på taket.",
        "credit": "Illustration: Ekby kommun",
    },
    "friskvard": {
        "title": "Friskvård",
        "filename": "friskvard.jpg",
        "scene": "gym",
        "alt_text": "Tecknad bild av tre personer som sträcker armarna i luften i en gympasal.",
        "credit": "Illustration: Ekby kommun",
    },
}

#: The municipality's logo in the site settings (an SVG drawn in ``cms.demo.images``).
LOGO = {
    "title": "Ekby kommuns logotyp",
    "filename": "ekby-logotyp.svg",
    "alt_text": "Ekby kommun",
    "credit": "",
}

#: The identity in the site settings: contact, opening hours and social media.
IDENTITY = {
    "logo_alt": "Ekby kommun – till startsidan",
    "visiting_address": "Stadshuset, Storgatan 1, Ekby",
    "postal_address": "Ekby kommun, 123 45 Ekby",
    "phone": "0123-45 60 00",
    "email": "kommun@ekby.example",
    "organisation_number": "212000-0000",
    "opening_hours": [
        {"days": "Måndag–torsdag", "days_en": "Monday–Thursday", "hours": "08.00–16.30"},
        {"days": "Fredag", "days_en": "Friday", "hours": "08.00–15.00"},
        {"days": "Lunchstängt", "days_en": "Closed for lunch", "hours": "12.00–13.00"},
    ],
    "social_links": [
        {"service": "facebook", "url": "https://www.facebook.com/ekbykommun", "label": ""},
        {"service": "instagram", "url": "https://www.instagram.com/ekbykommun", "label": ""},
        {"service": "linkedin", "url": "https://www.linkedin.com/company/ekby-kommun", "label": ""},
    ],
}

#: The start page's service shortcuts, in order; ``page`` is the slug of a demo item.
SERVICE_SHORTCUTS = [
    {"title": "Förskola och skola", "title_en": "Preschool and school", "icon": "school",
     "text": "Ansök om plats, skolval och skolskjuts",
     "text_en": "Apply for a place, choose a school", "url": "https://e.ekby.example/skola"},
    {"title": "Bygglov", "title_en": "Building permits", "icon": "building",
     "text": "Sök bygglov och anmäl åtgärder", "text_en": "Apply and notify works",
     "url": "https://e.ekby.example/bygglov"},
    {"title": "Avfall och återvinning", "title_en": "Waste and recycling", "icon": "recycle",
     "text": "Tömning, hämtning och sortering", "text_en": "Collection and sorting",
     "url": "https://e.ekby.example/avfall"},
    {"title": "Äldreomsorg", "title_en": "Elderly care", "icon": "care",
     "text": "Hemtjänst, boende och stöd", "text_en": "Home help and housing",
     "url": "https://e.ekby.example/omsorg"},
    {"title": "Lediga jobb", "title_en": "Jobs", "icon": "jobs",
     "text": "Arbeta i Ekby kommun", "text_en": "Work for Ekby Municipality",
     "url": "https://e.ekby.example/jobb"},
    {"title": "Felanmälan", "title_en": "Report a fault", "icon": "chat",
     "text": "Gator, belysning och parker", "text_en": "Streets, lighting and parks",
     "url": "https://e.ekby.example/felanmalan"},
]  # fmt: skip

#: A draft important message an Informatör can publish (with a reason) in the demo.
IMPORTANT_MESSAGE = {
    "severity": "warning",
    "text": "Störningar i vattenförsörjningen i Norrby på torsdag mellan 9 och 14.",
    "text_en": "Water supply disruptions in Norrby on Thursday between 9 and 14.",
    "link_url": "https://www.ekby.example/vatten",
    "link_label": "Mer om avbrottet",
    "link_label_en": "More about the disruption",
}

# Body blocks: ("heading", text) · ("paragraph", html) · ("quote", (quote, attribution))
# · ("fact_box", (title, html)) · ("image", (image key, caption)) · ("contact", person name).

#: The demo items. ``index`` names the parent (see INDEX_PAGES); ``audiences`` may be
#: left out for types that fix their own; ``en`` adds a published English translation.
ARTICLES = [
    {
        "index": "news",
        "model": "NewsPage",
        "slug": "ny-forskola-oppnar-i-norrby",
        "title": "Ny förskola öppnar i Norrby",
        "summary": (
            "I augusti öppnar Förskolan Solrosen i Norrby med plats för 120 barn. "
            "Ansökan till hösten är öppen nu."
        ),
        "owner_unit": "Förskoleverksamheten",
        "audiences": ["residents", "prospective_residents"],
        "topics": ["skola-och-forskola"],
        "main_image": "solrosen",
        "body": [
            (
                "paragraph",
                "<p>Förskolan Solrosen har sex avdelningar, en stor gård med "
                "odlingslotter och ett eget tillagningskök.</p>",
            ),
            ("image", ("solrosen_gard", "Förskolan Solrosen har plats för 120 barn.")),
            ("heading", "Så ansöker du"),
            (
                "paragraph",
                "<p>Ansök i e-tjänsten <b>Förskola och fritids</b> senast fyra "
                "månader innan du behöver platsen.</p>",
            ),
            (
                "fact_box",
                (
                    "Fakta om Solrosen",
                    "<ul><li>120 platser</li><li>Öppet 6.00–18.30"
                    "</li><li>Nära busshållplatsen Norrby torg</li></ul>",
                ),
            ),
            (
                "quote",
                (
                    "Vi har längtat efter att få visa de nya lokalerna för familjerna.",
                    "Anna Karlsson, förskolechef",
                ),
            ),
            ("contact", "Anna Karlsson"),
        ],
        "en": {
            "title": "New preschool opens in Norrby",
            "slug": "new-preschool-opens-in-norrby",
            "summary": "In August, Solrosen Preschool opens in Norrby with places for 120 "
            "children. Applications for the autumn are open now.",
            "body": [
                (
                    "paragraph",
                    "<p>Solrosen Preschool has six groups, a large yard with "
                    "vegetable plots and its own kitchen.</p>",
                ),
                ("heading", "How to apply"),
                (
                    "paragraph",
                    "<p>Apply through the e-service <b>Preschool and after-school"
                    "</b> at least four months before you need the place.</p>",
                ),
                ("contact", "Anna Karlsson"),
            ],
        },
    },
    {
        "index": "news",
        "model": "NewsPage",
        "slug": "vagarbete-pa-storgatan",
        "main_image": "storgatan",
        "title": "Vägarbete på Storgatan under våren",
        "summary": (
            "Från den 3 mars byter vi vattenledningar under Storgatan. Gatan stängs för "
            "biltrafik mellan Torget och Kvarngatan i sex veckor."
        ),
        "owner_unit": "Gata och park",
        "audiences": ["residents", "visitors"],
        "topics": ["trafik", "bygga-och-bo"],
        "body": [
            (
                "paragraph",
                "<p>Gående och cyklister kommer fram hela tiden. Busslinje 2 "
                "leds om via Järnvägsgatan.</p>",
            ),
            ("heading", "Varför gräver vi?"),
            (
                "paragraph",
                "<p>Ledningarna är från 1950-talet och behöver bytas för att "
                "dricksvattnet ska fortsätta vara säkert.</p>",
            ),
            (
                "fact_box",
                (
                    "Bra att veta",
                    "<ul><li>Arbetstid vardagar 7–16</li><li>"
                    "Parkering hänvisas till Stationsgatan</li></ul>",
                ),
            ),
        ],
    },
    {
        "index": "news",
        "model": "NewsPage",
        "slug": "biblioteket-forlanger-oppettiderna",
        "main_image": "biblioteket",
        "title": "Biblioteket förlänger öppettiderna",
        "summary": "Från och med nästa månad har biblioteket öppet till 20 på vardagar och "
        "är meröppet på söndagar.",
        "owner_unit": "Biblioteket",
        "audiences": ["residents", "visitors"],
        "topics": ["kultur-och-fritid"],
        "body": [
            (
                "paragraph",
                "<p>Med meröppet kan du låna och lämna böcker, läsa tidningar och "
                "studera även när personalen inte är på plats.</p>",
            ),
            (
                "quote",
                (
                    "Biblioteket ska vara öppet när invånarna har tid.",
                    "Fatima Hassan, bibliotekschef",
                ),
            ),
            ("contact", "Fatima Hassan"),
        ],
        "en": {
            "title": "The library extends its opening hours",
            "slug": "library-extends-opening-hours",
            "summary": "From next month the library is open until 8 pm on weekdays and "
            "self-service on Sundays.",
            "body": [
                (
                    "paragraph",
                    "<p>With self-service opening you can borrow and return books, "
                    "read newspapers and study even when no staff are present.</p>",
                ),
                ("contact", "Fatima Hassan"),
            ],
        },
    },
    {
        "index": "news",
        "model": "NewsPage",
        "slug": "detaljplan-for-sjoviken-pa-samrad",
        "main_image": "sjoviken",
        "title": "Detaljplan för Sjöviken ute på samråd",
        "summary": "Förslaget ger plats för 300 nya bostäder, en förskola och en park vid "
        "Ekern. Lämna dina synpunkter senast den 15 april.",
        "owner_unit": "Bygglovsenheten",
        "audiences": ["residents", "prospective_residents", "partners"],
        "topics": ["bygga-och-bo", "politik-och-beslut"],
        "body": [
            (
                "paragraph",
                "<p>Planförslaget visas i Stadshuset och på biblioteket. Den 20 "
                "mars håller vi öppet hus i Sjövikens skola klockan 18.</p>",
            ),
            ("heading", "Vad händer sedan?"),
            (
                "paragraph",
                "<p>Efter samrådet sammanställer vi synpunkterna. Därefter ställs "
                "planen ut för granskning innan kommunfullmäktige beslutar.</p>",
            ),
            ("contact", "Peter Lund"),
        ],
    },
    {
        "index": "news",
        "model": "NewsPage",
        "slug": "hojt-friskvardsbidrag",
        "main_image": "friskvard",
        "title": "Friskvårdsbidraget höjs till 3 000 kronor",
        "summary": "Från och med januari höjs friskvårdsbidraget för alla medarbetare. "
        "Så här gör du för att få ersättning.",
        "owner_unit": "HR-avdelningen",
        "audiences": ["staff"],
        "topics": ["jobb"],
        "body": [
            (
                "paragraph",
                "<p>Spara kvittot och registrera utlägget i självservice senast "
                "den 15 december samma år.</p>",
            ),
            (
                "fact_box",
                (
                    "Vad ingår?",
                    "<ul><li>Gymkort och simhall</li><li>Kurser i yoga "
                    "och dans</li><li>Massage upp till 500 kronor</li></ul>",
                ),
            ),
        ],
    },
    {
        "index": "news",
        "model": "NewsPage",
        "slug": "samverkan-om-krisberedskap",
        "main_image": "krisberedskap",
        "title": "Samverkan om krisberedskap med grannkommunerna",
        "summary": "Ekby, Ekstad och Björkby skriver avtal om gemensam krisledning och "
        "övningar med länsstyrelsen och räddningstjänsten.",
        "owner_unit": "Kommunstyrelseförvaltningen",
        "audiences": ["partners", "authorities"],
        "topics": ["politik-och-beslut"],
        "body": [
            (
                "paragraph",
                "<p>Avtalet gäller från den 1 juli och omfattar gemensam "
                "tjänsteman i beredskap, lägesbilder och två övningar per år.</p>",
            ),
            ("contact", "Lena Åberg"),
        ],
    },
    {
        "index": "notices",
        "model": "NoticePage",
        "slug": "kungorelse-kommunfullmaktige",
        "title": "Kungörelse: Kommunfullmäktige sammanträder",
        "summary": "Kommunfullmäktige sammanträder i Stadshusets sessionssal. "
        "Sammanträdet är öppet för allmänheten och sänds på webben.",
        "owner_unit": "Kommunstyrelseförvaltningen",
        "topics": ["politik-och-beslut"],
        "notice": {
            "notice_kind": "meeting",
            "issuing_body": "Kommunfullmäktige",
            "meeting_in_days": 10,
            "meeting_hour": 18,
            "meeting_location": "Sessionssalen, Stadshuset, Storgatan 1",
        },
        "body": [
            ("heading", "Ärenden"),
            (
                "paragraph",
                "<ol><li>Allmänhetens frågestund</li><li>Budget och verksamhetsplan"
                "</li><li>Detaljplan för Sjöviken</li><li>Motioner och interpellationer</li></ol>",
            ),
        ],
    },
    {
        "index": "notices",
        "model": "NoticePage",
        "slug": "justerat-protokoll-barn-och-utbildningsnamnden",
        "title": "Justerat protokoll: Barn- och utbildningsnämnden",
        "summary": "Protokollet från barn- och utbildningsnämndens sammanträde är justerat. "
        "Besluten kan överklagas inom tre veckor från anslagsdagen.",
        "owner_unit": "Barn- och utbildningsförvaltningen",
        "topics": ["politik-och-beslut", "skola-och-forskola"],
        "notice": {
            "notice_kind": "adjusted_minutes",
            "issuing_body": "Barn- och utbildningsnämnden",
            "adjusted_days_ago": 2,
            "minutes_location": "Kommunkansliet, Stadshuset, Storgatan 1",
        },
        "body": [
            (
                "paragraph",
                "<p>Protokollet finns hos kommunkansliet och kan läsas under kontorstid.</p>",
            ),
        ],
        "en": {
            "title": "Approved minutes: Children and Education Committee",
            "slug": "approved-minutes-children-and-education-committee",
            "summary": "The minutes of the Children and Education Committee's meeting are "
            "approved. The decisions can be appealed within three weeks of posting.",
            "body": [
                (
                    "paragraph",
                    "<p>The minutes are kept at the municipal office and can be "
                    "read during office hours.</p>",
                ),
            ],
        },
    },
    {
        "index": "notices",
        "model": "NoticePage",
        "slug": "delegationsbeslut-bygglov-kvarnbacken",
        "title": "Delegationsbeslut: bygglov för flerbostadshus, Kvarnbacken 2:14",
        "summary": "Samhällsbyggnadsnämnden har på delegation beviljat bygglov för "
        "nybyggnad av flerbostadshus på fastigheten Kvarnbacken 2:14.",
        "owner_unit": "Bygglovsenheten",
        "topics": ["bygga-och-bo"],
        "notice": {
            "notice_kind": "delegated_decision",
            "issuing_body": "Samhällsbyggnadsnämnden",
            "minutes_location": "Samhällsbyggnadsförvaltningen, Stadshuset",
        },
        "body": [
            (
                "paragraph",
                "<p>Beslutet har fattats av bygglovshandläggare med stöd av "
                "nämndens delegationsordning.</p>",
            ),
        ],
    },
    {
        "index": "press",
        "model": "PressReleasePage",
        "slug": "ny-skola-i-ekbyhojden",
        "main_image": "ekbyhojden",
        "title": "Ekby kommun bygger ny skola i Ekbyhöjden",
        "summary": "Kommunfullmäktige har beslutat att bygga en ny F–6-skola för 450 elever "
        "i Ekbyhöjden. Skolan ska stå klar hösten 2028.",
        "owner_unit": "Barn- och utbildningsförvaltningen",
        "audiences": ["media", "residents"],
        "topics": ["skola-och-forskola", "politik-och-beslut"],
        "press": {"kind": "release", "media_contacts": ["Mikael Strand", "Lena Åberg"]},
        "body": [
            (
                "paragraph",
                "<p>Befolkningen i Ekbyhöjden växer snabbt och fler barn behöver "
                "en skola nära hemmet.</p>",
            ),
            (
                "quote",
                (
                    "Det här är den största investeringen i skolan på tjugo år.",
                    "Anders Holm, kommunchef",
                ),
            ),
            (
                "fact_box",
                (
                    "Fakta",
                    "<ul><li>450 elever</li><li>Idrottshall och bibliotek"
                    "</li><li>Budget 310 miljoner kronor</li></ul>",
                ),
            ),
            ("contact", "Mikael Strand"),
        ],
        "en": {
            "title": "Ekby Municipality builds a new school in Ekbyhöjden",
            "slug": "new-school-in-ekbyhojden",
            "summary": "The municipal council has decided to build a new primary school for "
            "450 pupils in Ekbyhöjden, ready in autumn 2028.",
            "body": [
                (
                    "paragraph",
                    "<p>The population of Ekbyhöjden is growing fast and more "
                    "children need a school close to home.</p>",
                ),
                ("contact", "Mikael Strand"),
            ],
        },
    },
    {
        "index": "press",
        "model": "PressReleasePage",
        "slug": "pressinbjudan-invigning-solrosen",
        "title": "Pressinbjudan: Invigning av Förskolan Solrosen",
        "summary": "Media är välkomna till invigningen av Förskolan Solrosen i Norrby. "
        "Barn, personal och kommunalråd finns på plats.",
        "owner_unit": "Förskoleverksamheten",
        "audiences": ["media"],
        "topics": ["skola-och-forskola"],
        "press": {
            "kind": "invitation",
            "media_contacts": ["Mikael Strand", "Anna Karlsson"],
            "event_in_days": 5,
            "event_hour": 10,
            "event_hours": 1,
            "event_location": "Förskolan Solrosen, Solrosvägen 4, Norrby",
        },
        "body": [
            ("paragraph", "<p>Anmäl dig till presschefen senast dagen innan.</p>"),
            ("contact", "Mikael Strand"),
        ],
    },
    {
        "index": "bulletins",
        "model": "StaffBulletinPage",
        "slug": "valkommen-till-medarbetardagen",
        "title": "Välkommen till årets medarbetardag",
        "summary": "Den 12 september samlas alla medarbetare i Ekbyhallen för föreläsningar, "
        "workshoppar och mingel.",
        "owner_unit": "Kommunikationsenheten",
        "topics": ["jobb"],
        "body": [
            (
                "paragraph",
                "<p>Dagen börjar klockan 9 med kaffe. Kommunchefen inleder och "
                "därefter väljer du två workshoppar.</p>",
            ),
            (
                "quote",
                (
                    "Ni gör Ekby till en bra plats att bo i. Det vill vi fira.",
                    "Anders Holm, kommunchef",
                ),
            ),
            ("contact", "Lena Åberg"),
        ],
    },
    {
        "index": "bulletins",
        "model": "StaffBulletinPage",
        "slug": "ny-schemalaggning-i-forskolan",
        "must_read": True,
        "reminder_days": 5,
        "title": "Ny schemaläggning i förskolan från januari",
        "summary": "Alla förskolor går över till det nya schemasystemet den 8 januari. "
        "Utbildning ges på arbetsplatsträffarna i december.",
        "owner_unit": "Förskoleverksamheten",
        "topics": ["skola-och-forskola", "jobb"],
        "target_units": ["Förskoleverksamheten"],
        "body": [
            ("heading", "Det här behöver du göra"),
            (
                "paragraph",
                "<ul><li>Logga in i schemasystemet före jul</li><li>Lägg in "
                "önskemål om ledighet</li></ul>",
            ),
            ("contact", "Anna Karlsson"),
        ],
    },
]

#: The user who creates and publishes the demo items (a communicator may publish all).
PUBLISHER = "informator"

#: The print channels (cms.channels): one INblick edition, the newspaper formats and
#: this week's local-press page. Items are named by slug; a targeted bulletin cannot be
#: in an edition (it goes to all staff), so "ny-schemalaggning-i-forskolan" is not.
EDITION = {
    "number": 1,
    "owner_unit": "Kommunikationsenheten",
    "foreword": (
        "<p>Välkommen till årets första INblick! Här samlar vi det viktigaste från hela "
        "kommunen: nyheter för oss som arbetar här och det som händer för invånarna.</p>"
        "<p>Har du ett tips till nästa nummer? Skicka det via intranätets tipsformulär, "
        "så hör vi av oss.</p>"
    ),
    "foreword_by": "Elin Sjöberg, redaktör",
    "items": [
        "valkommen-till-medarbetardagen",
        "hojt-friskvardsbidrag",
        "ny-forskola-oppnar-i-norrby",
        "biblioteket-forlanger-oppettiderna",
        "vagarbete-pa-storgatan",
    ],
}
NEWSPAPER_FORMATS = [
    {"name": "Ekby Tidning, tabloid", "newspaper": "Ekby Tidning", "space": "full"},
    {"name": "Ekby Tidning, tabloid", "newspaper": "Ekby Tidning", "space": "half"},
]
PRESS_PAGE = {
    "intro": "Nyheter och kungörelser från Ekby kommun den här veckan.",
    "format": ("Ekby Tidning, tabloid", "full"),
    # (slug, full text)
    "items": [
        ("ny-forskola-oppnar-i-norrby", True),
        ("ny-skola-i-ekbyhojden", False),
        ("vagarbete-pa-storgatan", False),
        ("biblioteket-forlanger-oppettiderna", False),
        ("detaljplan-for-sjoviken-pa-samrad", False),
    ],
}
