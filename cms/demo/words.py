"""Swedish municipal vocabulary and sentence templates for generated items.

Nouns carry their inflections (gender, definite singular, indefinite and definite
plural) so that templates read as correct Swedish: "en ny förskola", "ett nytt
bibliotek", "förskolan i Norrby", "fler förskolor".
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Noun:
    """A Swedish noun with the forms the templates need."""

    indefinite: str
    definite: str
    plural: str
    plural_definite: str
    neuter: bool
    topic: str

    @property
    def new(self) -> str:
        """ "ny förskola" / "nytt bibliotek"."""
        return f"{'nytt' if self.neuter else 'ny'} {self.indefinite}"

    @property
    def new_article(self) -> str:
        """ "en ny förskola" / "ett nytt bibliotek"."""
        return f"{'ett' if self.neuter else 'en'} {self.new}"

    @property
    def article(self) -> str:
        """ "en förskola" / "ett bibliotek"."""
        return f"{'ett' if self.neuter else 'en'} {self.indefinite}"


#: Facilities residents visit; they open, close, are renovated and get opening hours.
FACILITIES = [
    Noun("förskola", "förskolan", "förskolor", "förskolorna", False, "skola-och-forskola"),
    Noun("skola", "skolan", "skolor", "skolorna", False, "skola-och-forskola"),
    Noun(
        "fritidsgård",
        "fritidsgården",
        "fritidsgårdar",
        "fritidsgårdarna",
        False,
        "kultur-och-fritid",
    ),
    Noun("bibliotek", "biblioteket", "bibliotek", "biblioteken", True, "kultur-och-fritid"),
    Noun(
        "idrottshall",
        "idrottshallen",
        "idrottshallar",
        "idrottshallarna",
        False,
        "kultur-och-fritid",
    ),
    Noun("badhus", "badhuset", "badhus", "badhusen", True, "kultur-och-fritid"),
    Noun("äldreboende", "äldreboendet", "äldreboenden", "äldreboendena", True, "omsorg-och-stod"),
    Noun(
        "gruppbostad", "gruppbostaden", "gruppbostäder", "gruppbostäderna", False, "omsorg-och-stod"
    ),
    Noun(
        "återvinningscentral",
        "återvinningscentralen",
        "återvinningscentraler",
        "återvinningscentralerna",
        False,
        "miljo",
    ),
    Noun("lekplats", "lekplatsen", "lekplatser", "lekplatserna", False, "kultur-och-fritid"),
]

#: Streets and networks; they are dug up, rebuilt and closed.
INFRASTRUCTURE = [
    Noun("cykelväg", "cykelvägen", "cykelvägar", "cykelvägarna", False, "trafik"),
    Noun("gångbro", "gångbron", "gångbroar", "gångbroarna", False, "trafik"),
    Noun(
        "busshållplats", "busshållplatsen", "busshållplatser", "busshållplatserna", False, "trafik"
    ),
    Noun(
        "vattenledning",
        "vattenledningen",
        "vattenledningar",
        "vattenledningarna",
        False,
        "bygga-och-bo",
    ),
    Noun("parkering", "parkeringen", "parkeringar", "parkeringarna", False, "trafik"),
    Noun("rondell", "rondellen", "rondeller", "rondellerna", False, "trafik"),
    Noun(
        "gatubelysning", "gatubelysningen", "gatubelysningar", "gatubelysningarna", False, "trafik"
    ),
]

PLACES = [
    "Norrby",
    "Sjöviken",
    "Björkhagen",
    "Ekbyhöjden",
    "Västra hamnen",
    "Lillsjön",
    "Kvarnbacken",
    "Ängsdal",
    "Ekby centrum",
    "Stationsområdet",
    "Tallåsen",
    "Östermalm",
]
STREETS = [
    "Storgatan",
    "Kvarngatan",
    "Järnvägsgatan",
    "Sjövägen",
    "Skolgatan",
    "Björkvägen",
    "Industrigatan",
    "Hamngatan",
    "Tallåsvägen",
    "Kyrkogatan",
]
PERIODS = [
    "i tre veckor",
    "under sommaren",
    "under hösten",
    "i två månader",
    "under helgen",
    "fram till jul",
    "under sportlovet",
    "i fyra veckor",
]
WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag"]
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
PROFESSIONS = [
    ("förskollärare", "förskollärarna"),
    ("undersköterskor", "undersköterskorna"),
    ("lärare", "lärarna"),
    ("socialsekreterare", "socialsekreterarna"),
    ("bygglovshandläggare", "bygglovshandläggarna"),
    ("sjuksköterskor", "sjuksköterskorna"),
    ("fritidsledare", "fritidsledarna"),
    ("elevassistenter", "elevassistenterna"),
]
BODIES = [
    "Kommunfullmäktige",
    "Kommunstyrelsen",
    "Barn- och utbildningsnämnden",
    "Samhällsbyggnadsnämnden",
    "Kultur- och fritidsnämnden",
    "Socialnämnden",
    "Valnämnden",
    "Miljö- och hälsoskyddsnämnden",
]
MINUTES_LOCATIONS = [
    "Kommunkansliet, Stadshuset, Storgatan 1",
    "Samhällsbyggnadsförvaltningen, Stadshuset",
    "Barn- och utbildningsförvaltningen, Skolgatan 5",
]
MEETING_LOCATIONS = [
    "Sessionssalen, Stadshuset",
    "Sammanträdesrum Ekern, Stadshuset",
    "Ekbyskolans aula",
    "Kulturhuset, stora salen",
]

FACILITY_EVENTS = [
    (
        "renoveras {period}",
        "{Def} i {place} renoveras {period}. Verksamheten flyttar "
        "under tiden till tillfälliga lokaler i närheten.",
    ),
    (
        "byggs ut",
        "{Def} i {place} byggs ut för att fler ska få plats. Bygget börjar i "
        "{month} och beräknas vara klart om ett år.",
    ),
    (
        "får nya öppettider",
        "Från och med {month} ändras öppettiderna för {def} i {place}. "
        "Du hittar de nya tiderna på webbplatsen.",
    ),
    (
        "håller stängt {period}",
        "{Def} i {place} håller stängt {period} på grund av "
        "underhållsarbete. Vi ber om överseende.",
    ),
    (
        "öppnar igen",
        "Nu öppnar {def} i {place} igen efter renoveringen. Välkommen på "
        "öppet hus på {weekday} klockan 15–18.",
    ),
]
INFRA_EVENTS = [
    (
        "stängs av {period}",
        "{Def} vid {street} stängs av {period} medan vi byter "
        "beläggning. Följ skyltningen för omledning.",
    ),
    (
        "byggs om",
        "{Def} vid {street} i {place} byggs om. Det kan bli störningar för gående "
        "och cyklister. Arbetet pågår {period}.",
    ),
    (
        "får ny sträckning",
        "{Def} i {place} får en ny sträckning längs {street}. "
        "Förslaget visas på ett öppet möte på {weekday}.",
    ),
]
POLITICS = [
    (
        "Kommunfullmäktige antog budgeten för {year}",
        "Kommunfullmäktige har antagit budgeten för {year}. Satsningarna går främst till "
        "{plural} och till {plural2}.",
    ),
    (
        "Detaljplan för {place} ute på samråd",
        "Ett förslag till detaljplan för {place} är ute på samråd. Planen ger plats för "
        "{n} nya bostäder och {new_article}.",
    ),
    (
        "Detaljplanen för {place} har vunnit laga kraft",
        "Detaljplanen för {place} har vunnit laga kraft. Nu kan bygglov sökas för de nya "
        "bostäderna längs {street}.",
    ),
    (
        "Kommunstyrelsen föreslår {new} i {place}",
        "Kommunstyrelsen föreslår att kommunen bygger {new_article} i {place}. Frågan avgörs av "
        "kommunfullmäktige i {month}.",
    ),
    (
        "Medborgardialog om {def} i {place}",
        "Vad tycker du om {def} i {place}? Kommunen bjuder in till medborgardialog på "
        "{weekday} den {day} {month}.",
    ),
]
JOBS = [
    (
        "Ekby kommun söker {profession}",
        "Vi behöver fler {profession} till våra verksamheter. Sök senast den {day} {month}.",
    ),
    (
        "Sök sommarjobb i Ekby kommun {year}",
        "Nu kan ungdomar mellan 16 och 19 år söka feriepraktik och sommarjobb i kommunen.",
    ),
    (
        "Rekryteringsmässa för {profession} på Ekbyhallen",
        "Träffa chefer och blivande kollegor på rekryteringsmässan den {day} {month}.",
    ),
]
ENVIRONMENT = [
    (
        "Insamlingen av matavfall startar i {place}",
        "Från och med {month} får hushållen i {place} en brun påse för matavfall. Tömning "
        "sker varannan vecka.",
    ),
    (
        "Nytt naturreservat vid {place}",
        "Skogen vid {place} blir naturreservat. Vandringsleden och grillplatserna rustas upp "
        "under {period2}.",
    ),
    (
        "Kommunen mäter luftkvaliteten på {street}",
        "Under {period2} mäter miljöförvaltningen luftkvaliteten på {street} i {place}.",
    ),
]
STAFF_ITEMS = [
    (
        "Friskvårdsbidraget höjs till {money} kronor",
        "Från och med januari höjs friskvårdsbidraget för alla medarbetare till {money} "
        "kronor per år.",
    ),
    (
        "Medarbetarenkäten stänger på {weekday}",
        "Har du svarat på medarbetarenkäten? Den stänger på {weekday}. Svaren är anonyma.",
    ),
    (
        "Nytt löneavtal för {profession}",
        "Det nya avtalet för {profession} gäller från den 1 {month}. Din chef berättar mer "
        "på nästa arbetsplatsträff.",
    ),
    (
        "Ny rutin för tjänsteresor",
        "Från den 1 {month} bokas alla tjänsteresor via det nya resesystemet. Utbildning "
        "ges på {weekday}.",
    ),
    (
        "Välkommen till arbetsplatsträff om {def}",
        "Alla medarbetare bjuds in till arbetsplatsträff om {def} i {place} på {weekday}.",
    ),
    (
        "IT-driften uppgraderar e-posten {period}",
        "E-posten kan vara långsam {period} när IT-driften uppgraderar servrarna.",
    ),
    (
        "Nya kollegor på {def} i {place}",
        "Under {month} börjar fyra nya medarbetare på {def} i {place}. Ta gärna en fika med dem!",
    ),
    (
        "Brandövning på {def} i {place} på {weekday}",
        "På {weekday} klockan 10 övar vi utrymning på {def} i {place}. Larmet är planerat.",
    ),
    (
        "Utbildning i dokumenthantering för {profession}",
        "Alla {profession} erbjuds en halvdag om diarieföring och arkiv den {day} {month}.",
    ),
    (
        "Sommarens semesterplanering: lämna önskemål senast den {day} {month}",
        "Lämna dina semesterönskemål till din chef senast den {day} {month}.",
    ),
    (
        "Ny chef för {def} i {place}",
        "Från den 1 {month} har {def} i {place} en ny chef. Välkommen!",
    ),
    (
        "Lönerevisionen {year} är klar",
        "Den nya lönen betalas ut i {month}. Frågor besvaras av din chef och HR-avdelningen.",
    ),
]
PRESS_ITEMS = [
    (
        "Ekby kommun bygger {new} i {place}",
        "Kommunfullmäktige har beslutat att bygga {new_article} i {place}. Investeringen är "
        "{millions} miljoner kronor.",
    ),
    (
        "Rekordmånga söker sig till Ekby",
        "Befolkningen i Ekby kommun ökade med {n} personer förra året, mest i {place}.",
    ),
    ("Ekby kommun inviger {def} i {place}", "På {weekday} inviger kommunalrådet {def} i {place}."),
]
INVITATIONS = [
    (
        "Pressinbjudan: invigning av {def} i {place}",
        "Media är välkomna till invigningen av {def} i {place}. Kommunalråd och verksamhetens "
        "chef finns på plats.",
    ),
    (
        "Pressinbjudan: presentation av budgeten för {year}",
        "Kommunstyrelsens ordförande presenterar budgetförslaget för {year}.",
    ),
]
NOTICE_TITLES = {
    "meeting": "Kungörelse: {body} sammanträder",
    "adjusted_minutes": "Justerat protokoll: {body}",
    "delegated_decision": "Delegationsbeslut: bygglov för {building}, {property}",
    "other": "Tillkännagivande: {body} om {def} i {place}",
}
NOTICE_SUMMARIES = {
    "meeting": "{body} sammanträder den {day} {month} klockan 18. Sammanträdet är öppet för "
    "allmänheten.",
    "adjusted_minutes": "Protokollet från {body_def} sammanträde är justerat. Besluten kan "
    "överklagas inom tre veckor från anslagsdagen.",
    "delegated_decision": "Bygglov har beviljats på delegation för {building} på fastigheten "
    "{property}.",
    "other": "{body} informerar om {def} i {place}.",
}
BUILDINGS = [
    "nybyggnad av enbostadshus",
    "tillbyggnad av fritidshus",
    "nybyggnad av flerbostadshus",
    "rivning av förråd",
    "fasadändring",
    "uppförande av carport",
    "nybyggnad av garage",
]
FILLER_SENTENCES = [
    "Har du frågor är du välkommen att kontakta kommunens kontaktcenter.",
    "Mer information finns på kommunens webbplats och i kontaktcentret i Stadshuset.",
    "Vi uppdaterar informationen när arbetet fortskrider.",
    "Beslutet fattades efter dialog med berörda verksamheter och invånare.",
    "Arbetet sker i samarbete med Ekbyhem och regionen.",
    "Synpunkter kan lämnas via e-tjänsten Tyck till.",
    "Kommunen följer upp arbetet och återrapporterar till nämnden.",
    "Information har skickats till de hushåll som berörs.",
]
#: Closing sentences for items only staff read.
STAFF_FILLER_SENTENCES = [
    "Har du frågor, prata med din närmaste chef.",
    "Mer information finns på intranätet under Min anställning.",
    "Ta upp frågan på nästa arbetsplatsträff om du vill diskutera den.",
    "HR-avdelningen svarar på frågor via personalservice.",
    "Informationen gäller alla förvaltningar.",
    "Tack för att du hjälper till att sprida informationen till dina kollegor.",
]
