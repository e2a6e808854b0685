"""The Swedish relevance set: a small corpus, queries with their answers, and metrics.

Test and benchmark data, not shipped with the search package. Used by
``tests/search/test_relevance.py`` (which guards a floor) and by
``bench/search.py`` (which prints MRR and nDCG@10 per backend). Each query names the
corpus items that answer it; a result list is judged by where those items appear.
"""

from __future__ import annotations

import datetime
import math
import uuid
from dataclasses import dataclass

#: key → (type, title, summary, body text, extra fields). Types: news, notice, press,
#: bulletin; an "en:" key prefix puts the item in the English tree.
CORPUS: dict[str, tuple] = {
    "budget": (
        "news",
        "Kommunfullmäktige har antagit budgeten för nästa år",
        "Kommunens budget satsar på skola, vård och omsorg. Skattesatsen är oförändrad.",
        "Budgeten omfattar drygt två miljarder kronor.",
        {},
    ),
    "bygglov_villa": (
        "notice",
        "Delegationsbeslut: bygglov för enbostadshus på Ekängen 3:12",
        "Beslutet om bygglov kan överklagas inom tre veckor.",
        "Ärendet gäller nybyggnad av ett enbostadshus med garage.",
        {"issuing_body": "Byggnadsnämnden", "notice_kind": "delegated_decision"},
    ),
    "bygglov_fort": (
        "news",
        "Kortare handläggningstider för bygglov",
        "Ansökningar om bygglov behandlas snabbare tack vare den nya e-tjänsten.",
        "Handläggningstiden har halverats sedan i fjol.",
        {},
    ),
    "forskola_ny": (
        "news",
        "Ny förskola öppnar i Norrby",
        "Förskolan Solrosen tar emot 120 barn från augusti.",
        "Förskolan har sex avdelningar och en stor gård.",
        {},
    ),
    "forskola_plats": (
        "news",
        "Så ansöker du om plats i förskola",
        "Ansökan görs i e-tjänsten senast fyra månader innan barnet ska börja.",
        "Du får besked om plats via e-post.",
        {},
    ),
    "forskola_fler": (
        "news",
        "Fler förskoleplatser i Ekbyhöjden",
        "Kommunen bygger ut med sextio nya förskoleplatser.",
        "Utbyggnaden är klar till hösten.",
        {},
    ),
    "snorojning": (
        "news",
        "Så fungerar snöröjningen i vinter",
        "Vi plogar gång- och cykelvägar först när det har snöat mer än fem centimeter.",
        "Bostadsgator plogas sist.",
        {},
    ),
    "vagarbete": (
        "news",
        "Vägarbete på Storgatan under våren",
        "Storgatan stängs av för biltrafik mellan april och juni. Bussarna leds om.",
        "Arbetet gäller nya vattenledningar under gatan.",
        {},
    ),
    "bibliotek": (
        "news",
        "Biblioteket förlänger öppettiderna",
        "Huvudbiblioteket har öppet till klockan 20 på vardagar från september.",
        "Meröppet gäller med lånekort och kod.",
        {},
    ),
    "avfall": (
        "news",
        "Ändrade tider för avfallshämtning under helgerna",
        "Sophämtningen flyttas en dag under jul- och nyårsveckan.",
        "Kärlen ska stå vid tomtgränsen klockan sex.",
        {},
    ),
    "vatten": (
        "news",
        "Kokningsrekommendation för dricksvatten i Sjöviken",
        "Koka vattnet före användning tills vidare.",
        "Prover visar bakterier i ledningsnätet.",
        {},
    ),
    "aldreboende": (
        "news",
        "Nytt äldreboende invigs i Ekby centrum",
        "Äldreboendet har sextio lägenheter och en öppen restaurang.",
        "Pensionärer i hela kommunen är välkomna till restaurangen.",
        {},
    ),
    "hemtjanst": (
        "news",
        "Hemtjänsten inför digitala lås",
        "Personalen i hemtjänsten låser upp med mobilen hos brukarna.",
        "Inga nycklar behöver längre lämnas ut.",
        {},
    ),
    "detaljplan": (
        "notice",
        "Detaljplan för Sjöviken ute på samråd",
        "Synpunkter på förslaget lämnas senast den 30 april.",
        "Planen gör det möjligt att bygga fyrtio bostäder vid sjön.",
        {"issuing_body": "Samhällsbyggnadsnämnden"},
    ),
    "kf_mote": (
        "notice",
        "Kommunfullmäktige sammanträder i stadshuset",
        "Mötet är öppet för allmänheten och sänds på webben.",
        "Ärendelistan finns på anslagstavlan.",
        {"issuing_body": "Kommunfullmäktige", "notice_kind": "meeting"},
    ),
    "protokoll": (
        "notice",
        "Justerat protokoll: Barn- och utbildningsnämnden",
        "Protokollet från nämndens sammanträde är justerat.",
        "Beslut kan överklagas genom laglighetsprövning.",
        {"issuing_body": "Barn- och utbildningsnämnden", "notice_kind": "adjusted_minutes"},
    ),
    "skola_ny": (
        "press",
        "Ekby kommun bygger ny skola i Ekbyhöjden",
        "Den nya grundskolan ska stå klar 2027 och rymma 450 elever.",
        "Skolan byggs med solceller på taket.",
        {"contacts": ["Anna Lindqvist"]},
    ),
    "krisberedskap": (
        "news",
        "Samverkan om krisberedskap med grannkommunerna",
        "Kommunerna övar tillsammans inför stora störningar i samhället.",
        "Övningen hålls i oktober.",
        {},
    ),
    "simhall": (
        "news",
        "Simhallen stänger för renovering",
        "Ekby simhall är stängd under sommaren medan bassängen renoveras.",
        "Utebadet vid sjön är öppet som vanligt.",
        {},
    ),
    "parkering": (
        "news",
        "Nya regler för parkering i centrum",
        "Boendeparkering införs på flera gator och avgifterna ändras.",
        "Parkeringstillstånd söks i e-tjänsten.",
        {},
    ),
    "valet": (
        "news",
        "Förtidsröstningen inför valet börjar",
        "Du kan förtidsrösta i stadshuset och på biblioteket.",
        "Ta med legitimation och röstkort.",
        {},
    ),
    "cykel": (
        "news",
        "Ny cykelväg mellan Norrby och centrum",
        "Den nya cykelvägen är tre kilometer lång och belyst.",
        "Vägen invigs i maj.",
        {},
    ),
    "skolskjuts": (
        "news",
        "Ansök om skolskjuts inför höstterminen",
        "Elever som har långt till skolan kan ha rätt till skolskjuts.",
        "Ansökan görs i e-tjänsten.",
        {},
    ),
    "bredband": (
        "news",
        "Bredbandsutbyggnaden på landsbygden fortsätter",
        "Ytterligare tvåhundra hushåll får fiber under året.",
        "Grävningen börjar i Västerby.",
        {},
    ),
    "fritidsgard": (
        "news",
        "Fritidsgården får nya öppettider",
        "Ungdomar är välkomna på kvällarna, nu även på lördagar.",
        "Fritidsledarna ordnar turneringar varje månad.",
        {},
    ),
    "eldning": (
        "press",
        "Eldningsförbud i hela kommunen",
        "Risken för brand i skog och mark är mycket stor.",
        "Det är förbjudet att elda utomhus, även i grillar på allmän plats.",
        {"contacts": ["Johan Berg"]},
    ),
    "sommarjobb": (
        "news",
        "Sök sommarjobb hos kommunen",
        "Ungdomar mellan 16 och 19 år kan söka feriearbete.",
        "Sista ansökningsdag är 15 mars.",
        {},
    ),
    "friskvard": (
        "bulletin",
        "Friskvårdsbidraget höjs till 3 000 kronor",
        "Alla medarbetare får höjt friskvårdsbidrag från januari.",
        "Bidraget gäller träningskort och massage.",
        {},
    ),
    "en:preschool": (
        "news",
        "New preschool opens in Norrby",
        "The Solrosen preschool welcomes 120 children from August.",
        "The preschool has six groups and a large playground.",
        {},
    ),
    "en:library": (
        "news",
        "The library extends its opening hours",
        "The main library is open until 8 pm on weekdays from September.",
        "Self-service opening with a library card and code.",
        {},
    ),
    "en:snow": (
        "news",
        "How snow clearing works this winter",
        "We clear footpaths and cycle paths first when more than five centimetres fall.",
        "Residential streets are cleared last.",
        {},
    ),
    "en:permit": (
        "news",
        "Apply for a building permit online",
        "Building permit applications are handled faster through the new e-service.",
        "Processing times have halved since last year.",
        {},
    ),
}

#: (query, kind, items that answer it). Kinds name what the query exercises.
QUERIES: list[tuple[str, str, tuple[str, ...]]] = [
    ("kommunens budget", "inflection", ("budget",)),
    ("budgeten", "definite", ("budget",)),
    ("bygglovet", "definite", ("bygglov_villa", "bygglov_fort")),
    ("bygglov", "base", ("bygglov_villa", "bygglov_fort")),
    ("bygglvo", "typo", ("bygglov_villa", "bygglov_fort")),
    ("förskola", "base", ("forskola_ny", "forskola_plats", "forskola_fler")),
    ("forskola", "no-diacritics", ("forskola_ny", "forskola_plats", "forskola_fler")),
    ("förskolan", "definite", ("forskola_ny", "forskola_plats", "forskola_fler")),
    ("förskoleplats", "compound", ("forskola_plats", "forskola_fler")),
    ("förskoleplatser", "inflection", ("forskola_fler",)),
    ("snöröjning", "base", ("snorojning",)),
    ("snorojning", "no-diacritics", ("snorojning",)),
    ("snöröjnig", "typo", ("snorojning",)),
    ("vägarbete storgatan", "base", ("vagarbete",)),
    ("vagarbete", "no-diacritics", ("vagarbete",)),
    ("biblioteket", "definite", ("bibliotek", "valet")),
    ("bibliotek öppettider", "base", ("bibliotek",)),
    ("oppettider", "no-diacritics", ("bibliotek", "fritidsgard")),
    ("biblotek", "typo", ("bibliotek", "valet")),
    ("avfallshämtning", "base", ("avfall",)),
    ("sophämtningen", "definite", ("avfall",)),
    ("avfalshämtning", "typo", ("avfall",)),
    ("dricksvattnet", "definite", ("vatten",)),
    ("äldreboende", "base", ("aldreboende",)),
    ("aldreboende", "no-diacritics", ("aldreboende",)),
    ("äldreboendet", "definite", ("aldreboende",)),
    ("hemtjänst", "base", ("hemtjanst",)),
    ("detaljplanen", "definite", ("detaljplan",)),
    ("samråd detaljplan sjöviken", "base", ("detaljplan",)),
    ("kommunfullmäktige sammanträde", "inflection", ("kf_mote",)),
    ("kungörelse", "notice-kind", ("kf_mote",)),
    ("justerat protokoll", "base", ("protokoll",)),
    ("protokollet utbildningsnämnden", "definite", ("protokoll",)),
    ("ny skola", "base", ("skola_ny",)),
    ("grundskolan", "definite", ("skola_ny",)),
    ("krisberedskap", "base", ("krisberedskap",)),
    ("simhallen renovering", "definite", ("simhall",)),
    ("parkeringsregler", "compound", ("parkering",)),
    ("förtidsröstning", "inflection", ("valet",)),
    ("cykelvägen", "definite", ("cykel",)),
    ("skolskjutsar", "inflection", ("skolskjuts",)),
    ("bredband", "compound", ("bredband",)),
    ("fritidsgård", "base", ("fritidsgard",)),
    ("eldningsförbudet", "definite", ("eldning",)),
    ("sommarjobb ungdomar", "base", ("sommarjobb",)),
    ("Anna Lindqvist", "press-contact", ("skola_ny",)),
    ("byggnadsnämnden", "issuing-body", ("bygglov_villa",)),
    ("library opening hours", "english", ("en:library",)),
    ("preschool", "english", ("en:preschool",)),
    ("snow clearing", "english", ("en:snow",)),
    ("building permit", "english", ("en:permit",)),
]

_TYPE_MODELS = {
    "news": ("NewsPage", "news"),
    "notice": ("NoticePage", "notices"),
    "press": ("PressReleasePage", "press"),
    "bulletin": ("StaffBulletinPage", "bulletins"),
}


def _paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}]


def _notice_fields(notice_kind: str | None) -> dict:
    """Dates and places a notice of ``notice_kind`` must have to be valid."""
    from django.utils import timezone

    today = timezone.localdate()
    fields = {"earliest_removal_date": today + datetime.timedelta(days=30)}
    if notice_kind == "meeting":
        fields["meeting_date"] = timezone.now() + datetime.timedelta(days=7)
        fields["meeting_location"] = "Stadshuset"
        fields["earliest_removal_date"] = today + datetime.timedelta(days=8)
    elif notice_kind == "adjusted_minutes":
        fields["adjustment_date"] = today - datetime.timedelta(days=1)
        fields["minutes_location"] = "Stadshuset"
    return fields


def build_corpus() -> dict[str, int]:
    """Create the corpus (idempotent by slug) under the demo site; return key → page id.

    Items are published and released an hour ago; the staff bulletin is staff-only.
    """
    from django.db import transaction
    from django.utils import timezone

    from cms.demo import loader
    from cms.pages import models as page_models
    from cms.snippets.models import Audience, Person, Unit

    _, _, home, index_pages = loader.ensure_structure()
    english = loader.ensure_english_tree(home, index_pages, loader.LoadReport())
    unit = Unit.objects.order_by("pk").first()
    audiences = {a.code: a for a in Audience.objects.all()}
    released = timezone.now() - datetime.timedelta(hours=1)
    ids = {}
    with loader._system_publish(), transaction.atomic():
        for key, (kind, title, summary, body, extra) in CORPUS.items():
            model_name, index_key = _TYPE_MODELS[kind]
            model = getattr(page_models, model_name)
            parent = (english if key.startswith("en:") else index_pages)[index_key]
            slug = "sok-" + key.replace(":", "-").replace("_", "-")
            page = model.objects.child_of(parent).filter(slug=slug).first()
            if page is None:
                extra = dict(extra)
                contacts = extra.pop("contacts", [])
                codes = (
                    model.fixed_audience_codes or model.mandatory_audience_codes or {"residents"}
                )
                if kind == "press":
                    codes = {"media", "residents"}
                fields = {}
                if kind == "notice":
                    fields.update(_notice_fields(extra.get("notice_kind")))
                page = model(
                    title=title,
                    slug=slug,
                    summary=summary,
                    body=_paragraph(body),
                    owner_unit=unit,
                    audiences=[audiences[c] for c in sorted(codes)],
                    **fields,
                    **extra,
                )
                if contacts:
                    people = []
                    for name in contacts:
                        person, _created = Person.objects.get_or_create(
                            name=name, defaults={"show_to_press": True}
                        )
                        people.append(person)
                    page.media_contacts = people
                page.locale = parent.locale
                parent.add_child(instance=page)
                page.save_revision().publish()
            external = None if kind == "bulletin" else released
            page_models.ArticlePage.objects.filter(pk=page.pk).update(
                internal_release_at=released, external_release_at=external
            )
            ids[key] = page.pk
    return ids


@dataclass
class QueryResult:
    """How one query fared: its rank list and its reciprocal rank and nDCG@10."""

    query: str
    kind: str
    expected: tuple[str, ...]
    found: list[str]
    reciprocal_rank: float
    ndcg: float


def ndcg_at(found: list[str], expected: tuple[str, ...], k: int = 10) -> float:
    """Binary-gain nDCG@k of ``found`` against the set ``expected``."""
    gains = [1.0 if key in expected else 0.0 for key in found[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(expected), k)))
    return dcg / ideal if ideal else 0.0


def evaluate(ids: dict[str, int], search=None, backend=None) -> list[QueryResult]:
    """Run every query publicly (English ones in English) and judge the first ten hits."""
    from functools import partial

    from search.queries import SearchFilters, search_items

    search = search or partial(search_items, backend=backend)
    by_pk = {pk: key for key, pk in ids.items()}
    results = []
    for query, kind, expected in QUERIES:
        filters = SearchFilters(locale="en" if kind == "english" else "sv")
        hits = search(query, filters=filters, page_size=10).hits
        found = [by_pk.get(hit.page.pk, f"other:{hit.page.pk}") for hit in hits]
        rr = next((1.0 / (i + 1) for i, key in enumerate(found) if key in expected), 0.0)
        results.append(QueryResult(query, kind, expected, found, rr, ndcg_at(found, expected)))
    return results


def summarise(results: list[QueryResult]) -> dict[str, float]:
    """Mean reciprocal rank and mean nDCG@10 over ``results``."""
    n = len(results) or 1
    return {
        "mrr": sum(r.reciprocal_rank for r in results) / n,
        "ndcg@10": sum(r.ndcg for r in results) / n,
    }
