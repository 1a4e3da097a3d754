"""Whole-page text dumps: the article is found inside the page's furniture, and two articles of
one site that share all of it are not near-duplicates of each other."""

from __future__ import annotations

import orjson

from tests.corpus import distinct
from workers.near_dup.index import DedupIndex
from workers.parsing.article import parse_at
from workers.parsing.markdown import Marks
from workers.parsing.textdump import dump_lines, first_sentence, parse_text
from workers.parsing.urls import slug_words
from workers.parsing.wholepage import (
    EXCERPT_WORDS,
    HeadlineContext,
    Layout,
    find_article,
    headline_features,
    looks_whole_page,
)
from workers.records import ParsedArticle, Position
from workers.settings import Settings

SETTINGS = Settings()
NAV = [
    "Skip to main content",
    "* Home",
    "* News",
    "o World",
    "o Politics",
    "* Sport",
    "* Business",
    "Sign In",
    "Subscribe",
    "Menu",
]
TEASERS = [
    "Council to vote on new parking rules",
    "Five things to do this weekend",
    "Storm warning issued for the coast",
    "Local team wins cup final",
]
SHARE = ["Share this article", "Facebook", "Twitter", "Email", "Advertisement"]
FOOTER = [
    "Most read",
    *TEASERS,
    *SHARE,
    "Contact us",
    "Privacy policy",
    "Terms of use",
    "Cookie settings",
    "© 2026 Harbour Daily Media",
]


BRIDGE = [
    "The harbour bridge reopened to traffic on Monday after months of repairs that had "
    "forced commuters onto ferries and long detours around the bay.",
    "Engineers said the repairs to the bridge were finished ahead of schedule, and the "
    "council thanked residents for their patience during the months of closures.",
    "Traffic on the bridge was light in the morning but grew through the day as word of "
    "the reopening spread among commuters who had relied on the ferries.",
]


BRIDGE_HEADLINE = "Harbour bridge reopens after months of repairs"


def whole_page(title: str, paragraphs: list[str]) -> str:
    header = [*NAV, *TEASERS, "Advertisement", title, "By Jane Doe", "1 December 2026"]
    return "\n".join([*header, *paragraphs, *FOOTER, *NAV])


def article(index: int) -> tuple[str, list[str]]:
    item = distinct(index + 1, words=(400, 400), prefix="w")[index]
    text = orjson.loads(item.value)["content"]
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[0], [line for line in lines[1:] if len(line.split()) > 12]


def test_the_article_is_found_inside_the_furniture() -> None:
    title, paragraphs = article(0)
    lines = whole_page(title, paragraphs).splitlines()
    assert looks_whole_page(lines)
    found = find_article(lines)
    assert found.title == title
    assert found.paragraphs == paragraphs
    assert not set(found.paragraphs) & {*NAV, *TEASERS, *FOOTER}


def test_the_body_goes_on_past_advertisement_labels_between_its_paragraphs() -> None:
    """A page that puts an advertisement's label and a caption between every two paragraphs:
    the labels are inserts the article goes on past, and are not in its body."""
    title, paragraphs = article(0)
    inset = ["Advertisement", "(Artist: Jane Roe)"]
    body = [line for paragraph in paragraphs for line in [paragraph, *inset]]
    found = find_article(whole_page(title, body).splitlines())
    assert found.title == title
    assert [p for p in found.paragraphs if p not in inset] == paragraphs
    assert "Advertisement" not in found.paragraphs


def test_the_headline_is_the_line_about_the_body_not_the_nearest_teaser() -> None:
    """A teaser of headline shape sits between the headline and the body (a "read also"
    slot); the headline is the one whose words the body uses."""
    headline = "Harbour bridge reopens after months of repairs"
    teaser = "Council Approves New Budget For Schools Next Year"
    lines = [*NAV, *TEASERS, headline, "By Jane Doe", teaser]
    lines += [*BRIDGE, *FOOTER]
    assert find_article(lines).title == headline


def test_a_marked_heading_the_body_took_in_is_its_headline() -> None:
    """A Markdown page whose headline reads like prose (13 words, a question) follows a
    breadcrumb that repeats it: both join the body's run. The line marked as a heading is the
    headline, and the body starts under it."""
    headline = "Is the harbour bridge really safe to cross now that the repairs are done?"
    lines = [*NAV, *TEASERS, f"* {headline}", headline, *BRIDGE, *FOOTER]
    at = lines.index(headline)
    assert find_article(lines).paragraphs != BRIDGE  # unmarked, both lines read as body
    found = find_article(lines, marks=Marks(headings=frozenset({at})))
    assert found.title == headline
    assert found.paragraphs == BRIDGE


def test_a_short_page_of_mostly_furniture_is_read_as_a_whole_page() -> None:
    """Under 40 lines (a light or mobile page), most of them menus and footer."""
    title, paragraphs = article(0)
    lines = [*NAV, *TEASERS, title, "By Jane Doe", *paragraphs, *FOOTER]
    assert len(lines) < 40
    page = parsed("\n".join(lines), 10)
    assert page.title == title
    assert page.authors == ["Jane Doe"]
    assert page.body.split("\n\n") == paragraphs


def test_the_headline_over_a_standfirst_over_the_byline_is_the_title() -> None:
    """A standfirst of headline shape (no full stop) sits between the headline and its byline:
    the headline is still the line the byline belongs to."""
    headline = "Harbour bridge reopens to traffic after months of repairs and ferry detours"
    standfirst = (
        "Engineers finished ahead of schedule, and the council thanked everyone for waiting"
    )
    share = ["Share", "Facebook"]
    lines = [*NAV, *TEASERS, headline, standfirst, *share, "By Jane Doe", *BRIDGE, *FOOTER]
    assert find_article(lines).title == headline


def test_a_clean_dump_is_not_taken_for_a_whole_page() -> None:
    title, paragraphs = article(0)
    assert not looks_whole_page([title, "By Jane Doe", *paragraphs])


def test_a_page_that_opens_with_a_menu_is_a_whole_page_however_long_its_article() -> None:
    """A skip link or a menu's item first ("* Skip to content") is a whole page's, even when
    the article's paragraphs outnumber its chrome: its headline is found under the menu."""
    paragraphs = BRIDGE * 6
    lines = ["* Skip to content", "Harbour Daily", BRIDGE_HEADLINE, "By Jane Doe", *paragraphs]
    assert looks_whole_page(lines)
    page = parse_text("\n".join(lines))
    assert (page.title, page.authors) == (BRIDGE_HEADLINE, ["Jane Doe"])
    assert not looks_whole_page(lines[2:])


def test_a_long_dump_that_opens_with_two_lines_of_furniture_is_a_whole_page() -> None:
    """A browser's copy of a long article under a short menu ("SUBSCRIBE", "NUTRITION") or a
    skip link is a whole page: its headline is found under the menu, not taken from its first
    word. A site's name alone over the headline still leaves a clean dump clean."""
    paragraphs = BRIDGE * 6
    lines = ["SUBSCRIBE", "LOCAL NEWS", BRIDGE_HEADLINE, "By Jane Doe", *paragraphs]
    assert looks_whole_page(lines)
    assert parse_text("\n".join(lines)).title == BRIDGE_HEADLINE
    assert not looks_whole_page(lines[1:])
    assert not looks_whole_page(lines[:1] + lines[2:])
    skip = ["Skip to main content", "Search", *lines[2:]]  # a skip link is chrome, any length
    assert looks_whole_page(skip)
    assert parse_text("\n".join(skip)).title == BRIDGE_HEADLINE


def test_a_browsers_picture_markers_do_not_push_the_headline_out_of_reach() -> None:
    """elinks and links print "[IMG]" for each picture without text: a video's playlist of
    them between a headline and its body is no distance between the two."""
    playlist = ["[IMG]", "[IMG]", "Replay"] * 25
    lines = [*NAV, BRIDGE_HEADLINE, "By Jane Doe", *playlist, *BRIDGE * 3, *FOOTER]
    assert parse_text("\n".join(lines)).title == BRIDGE_HEADLINE


def parsed(text: str, offset: int) -> ParsedArticle:
    return parse_at(text.encode(), Position("articles.raw", 0, offset, 1_764_547_200.0), SETTINGS)


def test_two_articles_of_one_site_are_not_merged_by_its_boilerplate() -> None:
    first, second = (parsed(whole_page(*article(i)), i) for i in (0, 1))
    for page in (first, second):
        assert not {line.strip() for line in page.body.split("\n\n")} & {*NAV, *TEASERS, *FOOTER}
    index = DedupIndex(SETTINGS, {})
    index.admit(first, index.judge(first), 0.0)
    assert not index.judge(second).verdict.is_duplicate


def test_the_dateline_is_found_among_the_headlines_chrome() -> None:
    """A date printed behind a share bar and a pipe, a few lines under the headline, is the
    published time; an "Updated" line above it is not, and teasers' dates further down are not
    read."""
    title, paragraphs = article(0)
    header = [title, "Share", "Facebook", "Twitter", "Updated 30 November 2025 18:00 GMT"]
    header += ["| 30 November 2025 09:30 GMT"]
    lines = [*NAV, *TEASERS, *header, *paragraphs, "Most read", "5 March 2019", *FOOTER]
    page = parsed("\n".join(lines), 7)
    assert page.title == title
    assert page.published_at == "2025-11-30T09:30:00Z"


def test_a_page_that_prints_only_its_update_time_was_published_by_then() -> None:
    title, paragraphs = article(0)
    header = [title, "Share", "Facebook", "Twitter", "By Jane Doe"]
    header += ["Updated 1:39 am EST, Sunday, November 30, 2025"]
    lines = [*NAV, *TEASERS, *header, *paragraphs, *FOOTER]
    page = parsed("\n".join(lines), 7)
    assert page.updated_at == "2025-11-30T06:39:00Z"
    assert page.published_at == "2025-11-30T06:39:00Z"


def test_a_whole_page_without_a_dateline_gets_no_date() -> None:
    """A teaser's date under the body (a list's heading between) dates nothing."""
    title, paragraphs = article(0)
    teaser = ["Most read", "5 March 2019"]
    lines = [*NAV, *TEASERS, title, "By Jane Doe", *paragraphs, *teaser, *FOOTER]
    assert parsed("\n".join(lines), 8).published_at is None


def test_a_date_alone_right_under_the_body_dates_a_page_with_no_dateline() -> None:
    """A post's footer may print its date under the text, over its author's label: a date
    alone on the line right under the body dates the article, where the header gives none."""
    title, paragraphs = article(0)
    footer = ["15.12.2021", "* Artikel von:", "* Jane Doe"]
    lines = [*NAV, *TEASERS, title, *paragraphs, *footer, *FOOTER]
    assert parsed("\n".join(lines), 8).published_at == "2021-12-15T00:00:00Z"


def test_a_date_alone_further_over_the_headline_dates_a_page_with_no_dateline() -> None:
    """A page's header may print its date over a gallery or a share bar, well above the
    headline: the nearest line there that is a date alone dates the article. A line that
    mentions a date among other words does not, and a dateline by the headline wins."""
    title, paragraphs = article(0)
    over = ["* Montag, 06.11.2023", "* Home", *TEASERS, "Share", "Facebook", "Twitter", "Email"]
    lines = [*NAV, *over, title, "By Jane Doe", *paragraphs, *FOOTER]
    assert parsed("\n".join(lines), 16).published_at == "2023-11-06T00:00:00Z"
    mentioned = ["Elections of 6 November 2023 results", *over[1:]]
    lines = [*NAV, *mentioned, title, "By Jane Doe", *paragraphs, *FOOTER]
    assert parsed("\n".join(lines), 17).published_at is None
    lines = [*NAV, *over, title, "By Jane Doe | 30 November 2025", *paragraphs, *FOOTER]
    assert parsed("\n".join(lines), 18).published_at == "2025-11-30T00:00:00Z"


def test_a_kickers_colon_spaced_apart_by_the_renderer_is_closed_up_but_in_french() -> None:
    """ "Harbour bridge : Reopens ..." (a kicker and its colon in two elements) is titled
    "Harbour bridge: Reopens ..."; French writes a space before a colon, and keeps it."""
    lines = [*NAV, *TEASERS, "Harbour bridge : Reopens after months of repairs", "By Jane Doe"]
    lines += [*BRIDGE, *FOOTER]
    assert parsed("\n".join(lines), 19).title == "Harbour bridge: Reopens after months of repairs"
    french = [
        "Le pont du port a rouvert lundi matin après des mois de travaux, et les habitants ont "
        "pu de nouveau le traverser à pied comme en voiture sans faire le grand détour.",
        "La mairie a indiqué que les travaux avaient coûté plus cher que prévu, mais que la "
        "structure était désormais solide pour les cinquante prochaines années au moins.",
        "Les commerçants du quartier se sont dits soulagés par cette réouverture, car la "
        "fermeture leur avait fait perdre une grande partie de leur clientèle pendant l'hiver.",
    ]
    title = "Pont du port : la circulation reprend après des mois de travaux"
    lines = [*NAV, *TEASERS, title, "Par Jeanne Roux", *french, *FOOTER]
    assert parsed("\n".join(lines), 20).title == title


def test_the_headline_is_the_line_over_the_byline() -> None:
    """Two lines of headline shape are about the body; the one printed over a byline and
    dateline is the headline, though the other is nearer the body (a photo caption's title)."""
    headline = "Harbour bridge reopens after months of repairs"
    caption = "Engineers finished the bridge repairs ahead of schedule"
    byline = "By Jane Doe - 30 November 2025 09:30 GMT"
    lines = [*NAV, *TEASERS, headline, byline, "Photo gallery", caption, *BRIDGE, *FOOTER]
    assert find_article(lines).title == headline


def test_a_whole_pages_headline_ending_in_a_period_is_not_passed_over_for_the_line_under_it() -> (
    None
):
    """The clean-dump reader takes a first line ending in a period for a caption and looks for
    the headline under it; on a whole page the headline was weighed against every line over
    the body already, and an update line under it (no year: not read as a dateline) that a
    byline follows is not taken instead."""
    headline = "Harbour bridge reopened to traffic. Commuters left the ferries."
    updated = "Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM"
    byline = "By Jane Doe | Harbour Daily Media for harbourdaily.com"
    page = parse_text(
        "\n".join(
            [*NAV, *TEASERS, "Advertisement", headline, updated, byline, *BRIDGE, *FOOTER, *NAV]
        )
    )
    assert page.title == headline
    assert not [r for r in page.removed if r["rule"] == "above_headline"]


def test_a_playlist_between_the_headline_and_the_body_stays_out_of_the_body() -> None:
    """Titles in a row under the headline (a video playlist, related stories: links, which a
    plain-text dump does not mark) are no part of the article; its standfirst is."""
    standfirst = (
        "Crews finished the repairs weeks early, and the ferries go back to their timetable."
    )
    playlist = [
        "Watch: the bridge reopens to traffic",
        "Council approves new ferry timetable",
        "How the harbour bridge was built",
        "Storm damage closes the coast road",
        "Five walks along the harbour front",
    ]
    lines = [*NAV, *TEASERS, BRIDGE_HEADLINE, "By Jane Doe | Harbour Daily", standfirst]
    lines += ["JUST WATCHED", playlist[0], "Replay", "(5 Videos)", *playlist, *BRIDGE, *FOOTER]
    page = parse_text("\n".join(lines))
    assert page.title == BRIDGE_HEADLINE
    assert not set(playlist) & {page.standfirst, *page.paragraphs}
    assert standfirst in {page.standfirst, *page.paragraphs}
    assert BRIDGE[0] in page.paragraphs


def test_a_wrapped_paragraph_or_three_titles_under_the_headline_stay_in_the_article() -> None:
    """Only a list is left out: a paragraph wrapped over short lines (each running on in lower
    case) is not one, nor are three lines of headline shape."""
    wrapped = [
        "Crews finished the repairs on the harbour bridge",
        "weeks early, and the ferries that carried commuters",
        "around the bay all summer go back to their timetable",
        "from Monday, the council said in a statement",
        "on Friday.",
    ]
    three = [
        "Watch the bridge reopen to traffic",
        "The council approves a new ferry timetable",
        "How the bridge was built in the fifties",
    ]
    for header in (wrapped, three):
        lines = [*NAV, *TEASERS, BRIDGE_HEADLINE, "By Jane Doe | Harbour Daily", *header]
        found = find_article([*lines, *BRIDGE, *FOOTER])
        assert found.title == BRIDGE_HEADLINE
        assert set(header) <= {*found.header, *found.paragraphs}


def test_a_photo_credit_is_never_the_headline() -> None:
    """ "Name/Paper" in capitalised words is a credit, though it sits over the byline."""
    headline = "Harbour bridge reopens after months of repairs"
    credit = "Anna Moneymaker/The Harbour Daily"
    lines = [*NAV, *TEASERS, headline, "Bridge crews at work.", "Credit...", credit, "By Jane Doe"]
    assert find_article([*lines, *BRIDGE, *FOOTER]).title == headline


def test_an_address_is_never_a_headline_candidate() -> None:
    """A renderer may print the page's address near the body (a share text, a list of its
    links): however headline-shaped its words, a line with a URL is no headline candidate."""
    address = "https://harbourdaily.example/news/ harbour-bridge-reopens-after-months-of-repairs"
    lines = [*NAV, *TEASERS, BRIDGE_HEADLINE, address, "By Jane Doe", *BRIDGE, *FOOTER]
    candidates = [lines[i] for i in HeadlineContext.of(Layout.of(lines)).candidates()]
    assert BRIDGE_HEADLINE in candidates
    assert address not in candidates


def test_a_byline_label_in_lower_case_is_never_a_headline_candidate() -> None:
    """A line that opens with a byline's label in lower case ("von besserwisser eG") is a
    byline, whether or not its names read as a person's; a headline may start with the word
    ("Von Pferden und Menschen")."""
    for byline in ("von besserwisser eG", "par la rédaction web"):
        lines = [*NAV, *TEASERS, BRIDGE_HEADLINE, byline, *BRIDGE, *FOOTER]
        candidates = [lines[i] for i in HeadlineContext.of(Layout.of(lines)).candidates()]
        assert BRIDGE_HEADLINE in candidates
        assert byline not in candidates
    headline = "Von Pferden und Menschen"
    lines = [*NAV, *TEASERS, headline, "By Jane Doe", *BRIDGE, *FOOTER]
    assert headline in [lines[i] for i in HeadlineContext.of(Layout.of(lines)).candidates()]


def test_a_name_over_the_headline_with_its_dateline_between_is_the_byline() -> None:
    """Some pages print the header above the headline: the name, the section, the time."""
    header = ["Jane Doe", "Ideas", "11.14.2019 09:00 AM"]
    page = parse_text("\n".join([*NAV, *TEASERS, *header, BRIDGE_HEADLINE, *BRIDGE, *FOOTER]))
    assert page.title == BRIDGE_HEADLINE
    assert page.authors == ["Jane Doe"]
    # without the dateline between them, a name over the headline is not its byline
    page = parse_text("\n".join([*NAV, *TEASERS, "Jane Doe", BRIDGE_HEADLINE, *BRIDGE, *FOOTER]))
    assert page.authors == []
    # the dateline over the name, right over the headline: a header too, but a teaser's image
    # under its date ("□ Jane Doe") is not
    for name, names in [("Jane Doe", ["Jane Doe"]), ("□ Jane Doe", [])]:
        header = ["22.11.2022", name]
        page = parse_text("\n".join([*NAV, *TEASERS, *header, BRIDGE_HEADLINE, *BRIDGE, *FOOTER]))
        assert (page.title, page.authors) == (BRIDGE_HEADLINE, names)


def test_a_section_label_over_the_headline_is_no_byline_where_a_name_would_be() -> None:
    """Over the headline, with its dateline between, a section's label reads as two capitalised
    words, as a name does; there only a known given name (or an agency) makes it a byline."""
    for label, names in [("Digital Life", []), ("Ulrike Stockhausen", ["Ulrike Stockhausen"])]:
        header = [label, "11.14.2019 09:00 AM"]
        page = parse_text("\n".join([*NAV, *TEASERS, *header, BRIDGE_HEADLINE, *BRIDGE, *FOOTER]))
        assert (page.title, page.authors) == (BRIDGE_HEADLINE, names)
    # right under the headline, a line of names stands whatever its first word
    lines = [*NAV, *TEASERS, BRIDGE_HEADLINE, "Nuño Domínguez", *BRIDGE, *FOOTER]
    assert parse_text("\n".join(lines)).authors == ["Nuño Domínguez"]


def test_a_labelled_byline_left_out_of_the_body_names_the_author() -> None:
    """A byline the page links ("[Author: Els Stultiens](...)") deep in the body's run is left
    out of the body as a link, but its label still names the writer."""
    nav = [f"* [{item.strip('* ')}](/{i})" for i, item in enumerate(NAV)]
    paragraphs = [f"{BRIDGE[i % 3]} Paragraph {i} adds its own words." for i in range(30)]
    byline = "[Author: Els Stultiens](/author/els-stultiens)"
    body = [*paragraphs[:25], byline, *paragraphs[25:]]
    page = parse_text("\n\n".join([*nav, f"# {BRIDGE_HEADLINE}", *body, *FOOTER]))
    assert (page.title, page.authors) == (BRIDGE_HEADLINE, ["Els Stultiens"])
    assert len(page.paragraphs) == 30


def test_a_label_with_a_colon_names_the_author_under_the_body() -> None:
    """ "Door: Els Stultiens" ("By:" in Dutch) after the body and a list of related articles."""
    related = [
        "11 december 2024 Hoger zelfverbruik moet waarde stroom verhogen",
        "28 juni 2024 Meer zelfverbruik van stroom, hoe helpt de installateur?",
    ]
    body = [*BRIDGE, *related, "Door: Els Stultiens", "Deel dit artikel:"]
    page = parse_text("\n".join([*NAV, *TEASERS, BRIDGE_HEADLINE, *body, *FOOTER]))
    assert (page.title, page.authors) == (BRIDGE_HEADLINE, ["Els Stultiens"])


def test_the_byline_under_another_copy_of_the_headline_is_read() -> None:
    """A page that prints its headline twice (over a long gallery, and again over the text)
    may print the byline and dateline under the first copy only."""
    title, paragraphs = article(0)
    gallery = [title, "Jane Doe, Staff Writer - 30 November 2025 09:30 GMT"]
    gallery += [f"{n} / 70" if n % 2 else "Photo: John Roe, Harbour Daily" for n in range(70)]
    lines = [*NAV, *gallery, *TEASERS, title, *paragraphs, *FOOTER]
    page = parsed("\n".join(lines), 9)
    assert page.title == title
    assert page.authors == ["Jane Doe"]
    assert page.published_at == "2025-11-30T09:30:00Z"


def test_the_articles_last_short_sentences_end_its_body() -> None:
    """An article often ends on a sentence too short to count on its own; it stays in the
    body. A credit in brackets and a teaser's prompt under the body do not."""
    closing = ["Was bleibt, ist die Gewissheit:", "The bridge will be lit up on Friday night!"]
    lines = [*NAV, BRIDGE_HEADLINE, "By Jane Doe", *BRIDGE, *closing, *FOOTER]
    assert find_article(lines).paragraphs == [*BRIDGE, *closing]
    for after in (
        "(Reporting by Jane Doe; Editing by John Roe)",
        "Das könnte dich auch interessieren …",
    ):
        lines = [*NAV, BRIDGE_HEADLINE, "By Jane Doe", *BRIDGE, after, *FOOTER]
        assert find_article(lines).paragraphs == BRIDGE


def test_the_articles_subheadings_stay_in_its_body_and_furniture_inside_it_does_not() -> None:
    """A subheading between two paragraphs is the article's own, though it reads as furniture
    (a few words, no stopwords); a caption's credit, an embed's placeholder, a teaser's label,
    a list's item or a name there is furniture still."""
    title, paragraphs = article(0)
    first, second, *rest = paragraphs
    subheadings = ["Haussegen hängt schief", "Ilmastonmuutos vaikuttaa terveyteen"]
    lines = [*NAV, title, "By Jane Doe", first, subheadings[0], second, subheadings[1], *rest]
    found = find_article([*lines, *FOOTER])
    assert found.paragraphs == [first, subheadings[0], second, subheadings[1], *rest]
    for furniture in (
        "Bild: Jahr Media",
        "Stau © aremac / Clipdealer",
        "Externer Inhalt",
        "Profile | Grace Mugabe",
        "* Tags Harbour Bridge",
        "13 Besucher sind",
        "Mehr zum Thema:",
        "Anna Maria Lindqvist",
    ):
        lines = [*NAV, title, "By Jane Doe", first, furniture, second, *rest, *FOOTER]
        assert find_article(lines).paragraphs == paragraphs, furniture


def test_the_article_may_end_the_page() -> None:
    """No footer after the body: the headline area stops at the last line."""
    title, paragraphs = article(0)
    lines = [*NAV, *TEASERS, title, "By Jane Doe", *paragraphs[:2]]
    found = find_article(lines)
    assert found.title == title
    assert found.around_headline[-1] == (paragraphs[1], 3, -1)


def test_a_line_of_names_beside_the_dateline_is_the_byline() -> None:
    """Names with no "By" are a byline where bylines are printed: here beside the dateline,
    under a photo caption; the same names in the menus are not."""
    title, paragraphs = article(0)
    caption = "In this file photo, the harbour bridge is seen from the ferry terminal at dawn."
    header = [title, caption, "0", "The Associated Press", "Published Monday, November 18, 2019"]
    header += ["Share", "Facebook"]
    lines = [*NAV, "Jane Doe", "John Roe", *TEASERS, *header, *paragraphs, *FOOTER]
    page = parsed("\n".join(lines), 10)
    assert page.title == title
    assert page.authors == ["The Associated Press"]
    assert page.published_at == "2019-11-18T00:00:00Z"


def test_teasers_cut_short_by_the_page_are_not_the_body() -> None:
    """A list of long teasers, each cut off with an ellipsis, outweighs a short article by word
    count; cut-off lines are furniture, so the article is still found."""
    title, paragraphs = article(0)
    teasers = [
        f"* Council {n} expresses concern over the budget, says that thousands of residents "
        f"across the county may soon be asked to pay more for the services they had relied..."
        for n in range(12)
    ]
    lines = [*NAV, *teasers, title, "By Jane Doe", *paragraphs[:3], *FOOTER]
    found = find_article(lines)
    assert found.paragraphs == paragraphs[:3]


def test_a_long_paragraph_that_trails_off_with_an_ellipsis_is_body_not_a_teaser() -> None:
    """A paragraph of sixty words or more ending "…" trails off; an excerpt is cut shorter."""
    trailing = f"{BRIDGE[0]} {BRIDGE[1]} {BRIDGE[2]} And so I will just try it once more…"
    assert len(trailing.split()) >= EXCERPT_WORDS
    teaser = "Council expresses concern over the budget, says that thousands of residents may…"
    lines = [*NAV, BRIDGE_HEADLINE, "By Jane Doe", trailing, teaser, *FOOTER]
    assert find_article(lines).paragraphs == [trailing]


BRIDGE_DEBT = [
    "The council's interest payments on the harbour bridge loan will pass its spending on road"
    " repairs next year, the city's finance office said on Tuesday, as the bridge's debt grows.",
    "The bridge was rebuilt in 2019 with a loan of 180 million, taken when interest rates were"
    " low; the council refinanced part of the loan last spring at a rate three times higher.",
    "Finance officers told the council that interest payments on the bridge loan would reach 14"
    " million next year, against 11 million for road repairs across the whole city.",
    "Councillors from both groups asked the finance office to explain why the refinancing was"
    " not put to a vote before the loan's new rate was agreed.",
    "The finance office said the council could repay part of the bridge loan early from the sale"
    " of the old depot, which would cut the interest payments by about a fifth.",
    "Road repairs would then keep their budget, the office said, but the council would have less"
    " money for new bus lanes on the bridge in the next two years.",
    "Councillors will vote on the early repayment of the bridge loan at their meeting next"
    " month; the finance office will publish its full report on the loan before then.",
    "Residents can comment on the finance office's report at the council's offices or online"
    " until the end of the month, and the council will answer the most common questions.",
]
CHART = [
    "Chart: interest payments on the bridge loan, in millions",
    *(f"{year} | {value}" for year, value in zip(range(2016, 2028), range(3, 15), strict=True)),
    "Source: finance office",
]


def test_the_article_goes_on_under_a_chart_that_cut_its_run() -> None:
    """A chart's rows between two blocks of the article's paragraphs end the body's run; the
    block under it weighs enough, holds three paragraphs and shares the run's words, so it is
    the article's too. A block of comments under it shares none; two paragraphs that do are
    too few (a teaser); neither is body."""
    head = "Bridge loan interest to overtake road repairs budget"
    top = [*NAV, *TEASERS, head, "By Jane Doe", *BRIDGE_DEBT[:5], *CHART]
    comments = [
        "Comments",
        "Sam Taylor",
        "I bought new running shoes last week and the soles already fell apart, do not buy them.",
        "The weather this weekend was perfect for a picnic in the park with the kids and the dog.",
        "Anyone know a good recipe for banana bread without eggs? Mine always turns out too dry.",
    ]
    found = find_article([*top, *BRIDGE_DEBT[5:], *SHARE, *comments, *SHARE, *FOOTER])
    assert found.title == head
    assert found.paragraphs == BRIDGE_DEBT
    found = find_article([*top, *BRIDGE_DEBT[5:7], *SHARE, *FOOTER])
    assert found.paragraphs == BRIDGE_DEBT[:5]
    found = find_article([*top, *BRIDGE_DEBT[5:], *SHARE, *comments[2:], *SHARE])
    assert found.paragraphs == BRIDGE_DEBT


def test_the_article_starts_over_a_long_chart_when_more_of_it_is_under_the_chart() -> None:
    """A chart of many rows (more than the headline's window) under the article's first three
    paragraphs: the run under it weighs more and is the body's run, but the block over it
    continues it, so the headline and byline are looked for over that block, and the body
    starts there (the chart's caption with it, as between a headline and a run; its rows
    are left out)."""
    head = "Bridge loan interest to overtake road repairs budget"
    rows = [f"{year} | {year % 17 + 3}" for year in range(1960, 2028)]
    chart = [CHART[0], *rows, CHART[-1]]
    lines = [*NAV, *TEASERS, head, "By Jane Doe", *BRIDGE_DEBT[:3], *chart, *BRIDGE_DEBT[3:]]
    lines += [*SHARE, *FOOTER]
    found = find_article(lines)
    assert found.title == head
    assert [p for p in found.paragraphs if p in BRIDGE_DEBT] == BRIDGE_DEBT
    assert set(found.paragraphs) - set(BRIDGE_DEBT) <= {CHART[0]}
    page = parsed("\n".join(lines), 31)
    assert (page.title, page.authors) == (head, ["Jane Doe"])


def test_the_author_box_under_the_article_names_its_writer() -> None:
    """No byline near the headline; the author's box after the body names the writer."""
    title, paragraphs = article(0)
    box = "Jane Doe is a staff writer at Harbour Daily covering transport and the council."
    lines = [*NAV, *TEASERS, title, *paragraphs, "Share this article", box, *FOOTER, *NAV]
    page = parsed("\n".join(lines), 11)
    assert page.title == title
    assert page.authors == ["Jane Doe"]
    assert box not in page.body


def test_a_dateline_and_a_byline_the_bodys_run_took_in_are_left_out() -> None:
    """Under a caption in the body's first paragraphs, "Updated ...;Posted ..." and "By Jane
    Doe, Harbour Daily": metadata, not the article's text. A paragraph that is a time alone
    ("10 p.m.", a schedule's line) is no dateline and stays."""
    title, paragraphs = article(0)
    dateline = "Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM"
    byline = "By Jane Doe, Harbour Daily"
    lines = [*NAV, *TEASERS, title, paragraphs[0], dateline, byline, *paragraphs[1:], *FOOTER]
    page = parsed("\n".join(lines), 21)
    assert page.body.split("\n\n") == paragraphs
    assert "Jane Doe" in page.authors
    timed = [paragraphs[0], "10 p.m.", *paragraphs[1:]]
    page = parsed("\n".join([*NAV, *TEASERS, title, *timed, *FOOTER]), 22)
    assert page.body.split("\n\n") == timed
    # A byline and a dateline on one line, longer than a byline alone.
    both = "By Harbour Daily Staff | November 18, 2026 at 2:26 PM - Updated November 18 at 4:46 PM"
    lines = [*NAV, *TEASERS, title, *paragraphs[:2], both, *paragraphs[2:], *FOOTER]
    page = parsed("\n".join(lines), 28)
    assert page.body.split("\n\n") == paragraphs


def test_the_line_over_a_byline_left_out_of_the_article_is_its_standfirst() -> None:
    """The page prints headline, standfirst, byline, dateline, then the body; the byline and
    dateline are left out of the article's lines, and the line they stood under is still the
    standfirst, not the body's first paragraph. A caption its credit closes is no standfirst."""
    title, paragraphs = article(0)
    standfirst = (
        "The council says the new rules will ease congestion, but shop owners fear losing trade"
    )
    header = [title, standfirst, "By Jane Doe", "1 December 2026"]
    page = parsed("\n".join([*NAV, *TEASERS, "Advertisement", *header, *paragraphs, *FOOTER]), 23)
    assert page.standfirst == standfirst
    assert page.body.split("\n\n") == paragraphs
    caption = "The council chamber on Tuesday evening. (Jane Roe/Harbour Daily)"
    header = [title, caption, "By Jane Doe", "1 December 2026"]
    page = parsed("\n".join([*NAV, *TEASERS, "Advertisement", *header, *paragraphs, *FOOTER]), 24)
    assert page.standfirst is None
    assert page.body.split("\n\n") == paragraphs


def test_a_caption_in_the_bodys_run_is_left_out() -> None:
    """A caption that says where each person stands ("Jane Doe, left, and ..."), dates its
    picture as an agency does ("..., Monday, Nov. 30, 2026, ...") or ends with its
    photographer's credit ("... Credit... Jane Roe/Harbour Daily") is no paragraph of the
    article, wherever it stands in the body. Prose with a verb between commas stays."""
    title, paragraphs = article(0)
    captions = [
        "Council leader Jane Doe, left, and John Roe, second from right, at the bridge on Monday.",
        "Commuters on the first ferry of the day. Credit... Jane Roe/Harbour Daily",
        "Commuters cross the harbour bridge in Northport, Monday, Nov. 30, 2026, as it reopens.",
    ]
    prose = "He paused, left, and came back an hour later with the plans for the new bridge."
    body = [
        *paragraphs[:2],
        captions[0],
        *paragraphs[2:4],
        prose,
        captions[1],
        paragraphs[4],
        captions[2],
        *paragraphs[5:],
    ]
    page = parsed("\n".join([*NAV, *TEASERS, title, "By Jane Doe", *body, *FOOTER]), 26)
    assert page.body.split("\n\n") == [*paragraphs[:4], prose, *paragraphs[4:]]


def test_the_article_goes_on_past_a_gallery_a_text_browser_printed() -> None:
    """A text browser prints each picture as its alternative text in brackets; a gallery of
    five between two paragraphs costs the article's run what one picture costs, and the
    paragraphs under it stay in the body."""
    title, paragraphs = article(0)
    gallery = ["[ID]"] * 5
    body = [*paragraphs[:4], *gallery, *paragraphs[4:]]
    page = parsed("\n".join([*NAV, *TEASERS, title, "By Jane Doe", *body, *FOOTER]), 27)
    assert page.body.split("\n\n") == paragraphs


def test_an_author_box_the_body_ends_on_names_its_writer() -> None:
    """No byline anywhere, and the author's box directly under the last paragraph, read as
    one more paragraph of the body: it names the writer, and is left out as a note on her."""
    title, paragraphs = article(0)
    box = "Jane Doe is a staff writer at Harbour Daily covering transport and the council."
    lines = [*NAV, *TEASERS, title, *paragraphs, box, *FOOTER, *NAV]
    page = parsed("\n".join(lines), 20)
    assert page.title == title
    assert page.authors == ["Jane Doe"]
    assert page.body.split("\n\n") == paragraphs


def test_a_note_on_the_writer_at_either_end_of_the_body_is_left_out() -> None:
    """Under a byline, a paragraph that opens with the writer's full name and goes on in lower
    case ("Jane Doe is a reporter ...", "Moritz Gathmann leitet ...") is about the writer, at
    the body's end or over its start; so is "So erreichen Sie Jane Doe:". The same name in the
    middle of the body, a writer the headline names (the article is about her) and an agency a
    byline names stay."""
    title, paragraphs = article(0)
    note = "Jane Doe is a reporter for Harbour Daily covering transport and the city council."
    contact = "So erreichen Sie Jane Doe:"
    lines = [*NAV, title, "By Jane Doe", note, contact, *paragraphs, note, *FOOTER]
    page = parsed("\n".join(lines), 16)
    assert page.authors == ["Jane Doe"]
    assert page.body.split("\n\n") == paragraphs
    middle = [*paragraphs[:3], note, *paragraphs[3:]]
    page = parsed("\n".join([*NAV, title, "By Jane Doe", *middle, *FOOTER]), 17)
    assert page.body.split("\n\n") == middle
    about = "Jane Doe becomes the council's first transport chief"
    page = parsed("\n".join([*NAV, about, "By Jane Doe", *paragraphs, note, *FOOTER]), 18)
    assert page.body.split("\n\n") == [*paragraphs, note]
    lede = "U.S. Customs and Border Protection found 475 pounds of cocaine inside a vessel."
    page = parsed("\n".join([*NAV, title, "By U.S. Customs", lede, *paragraphs, *FOOTER]), 19)
    assert page.body.split("\n\n")[0] == lede


def test_a_note_on_the_writer_matches_the_byline_in_any_case_and_past_an_address() -> None:
    """ "Anna de Vries is ..." under the byline "Anna De Vries", and a note with the writer's
    address in brackets after the name ("Anna de Vries (anna@example.com) is ..."), are notes
    on the writer."""
    title, paragraphs = article(0)
    for k, note in enumerate(
        [
            "Anna de Vries is a reporter for Harbour Daily covering transport and the council.",
            "Anna De Vries (anna@example.com) is the editor of Harbour Daily and writes on ports.",
        ]
    ):
        lines = [*NAV, title, "By Anna De Vries", *paragraphs, note, *FOOTER]
        page = parsed("\n".join(lines), 25 + k)
        assert page.authors == ["Anna De Vries"]
        assert page.body.split("\n\n") == paragraphs


def test_a_link_to_more_of_the_writers_work_names_the_writer() -> None:
    """No byline anywhere; "Alles von Martin Junker" under the article names him. A link to
    more of a site or a section names no one."""
    title, paragraphs = article(0)
    lines = [*NAV, *TEASERS, title, *paragraphs, "Alles von Martin Junker", *FOOTER, *NAV]
    assert parsed("\n".join(lines), 12).authors == ["Martin Junker"]
    lines = [*NAV, *TEASERS, title, *paragraphs, "More From WIRED", "Mehr von uns", *FOOTER]
    assert parsed("\n".join(lines), 13).authors == []


def test_a_name_alone_under_the_article_signs_it() -> None:
    """No byline anywhere; a writer's name alone in the lines under the body ("- Nadja
    Podbregar") is the author. A button that reads as a name but holds a word of the page's
    language ("Mark All") and a tag list's bulleted name are not, nor a name far under the
    body."""
    title, paragraphs = article(0)
    under = ["Share this article", "28. November 2022", "- Nadja Podbregar"]
    lines = [*NAV, *TEASERS, title, *paragraphs, *under, *FOOTER, *NAV]
    assert parsed("\n".join(lines), 14).authors == ["Nadja Podbregar"]
    for under in (["Mark All"], ["* Boris Johnson", "* NATO"], [*FOOTER[:3], "Jane Doe"]):
        lines = [*NAV, *TEASERS, title, *paragraphs, *under, *FOOTER, *NAV]
        assert parsed("\n".join(lines), 15).authors == [], under


def test_a_pictures_caption_and_credit_are_neither_headline_nor_body() -> None:
    """A lead picture between the headline and its byline, a share bar under the dateline: its
    alternative text, its caption (with no full stop, so it reads like a headline) and its
    credit alone on the line under it. The credit tells the caption: the headline is the line
    over the picture, and the byline under it is read. Inside the body, a caption and its
    credit are left out of it."""
    title, paragraphs = article(0)
    caption = "Cranes stand over the harbour bridge works in the city centre on Tuesday evening"
    credit = "(Jacquelyn Martin / Associated Press)"
    picture = ["Harbour bridge at dusk", caption, credit]
    share = ["• Facebook", "• Twitter", "• LinkedIn", "• Email", "• Copy Link", "• Print"]
    header = [*NAV, *TEASERS, title, *picture, "By Jane Doe", "1 December 2026", *share]
    page = parsed("\n".join([*header, *paragraphs, *FOOTER]), 20)
    assert (page.title, page.authors) == (title, ["Jane Doe"])
    assert page.body.split("\n\n") == paragraphs
    inside = [*paragraphs[:2], caption, credit, *paragraphs[2:]]
    page = parsed(whole_page(title, inside), 21)
    assert page.body.split("\n\n") == paragraphs


def test_writers_named_on_lines_of_their_own_are_all_read() -> None:
    """Each writer's name a link of its own, the label and the conjunction alone between them
    ("By" / "Jane Doe" / "and" / "John Roe"), as a text browser prints such a byline."""
    title, paragraphs = article(0)
    byline = ["By", "Jane Doe", "and", "John Roe", "1 December 2026"]
    page = parsed("\n".join([*NAV, *TEASERS, title, *byline, *paragraphs, *FOOTER]), 22)
    assert (page.title, page.authors) == (title, ["Jane Doe", "John Roe"])
    assert page.body.split("\n\n") == paragraphs


def test_a_list_articles_numbered_headings_stay_in_its_body() -> None:
    """A list article heads each item with its number ("2. Check the peep hole"), a paragraph
    or more between one and the next, a picture's name under some: the headings are the
    article's, though a menu's numbered entries are furniture."""
    title, paragraphs = article(2)
    headings = ["1. Take the blankets off the bed", "2. Check the peep hole", "3. Skip the rack"]
    text = [paragraphs[0]]
    for heading, paragraph in zip(headings, paragraphs[1:4], strict=True):
        text += ["bed-hotel-room.jpg", heading, paragraph]
    most_read = ["1. Council to vote on rules", "2. Five things to do", "3. Storm warning issued"]
    page = parsed(whole_page(title, [*text, *paragraphs[4:], "Most read", *most_read]), 24)
    assert page.body.split("\n\n") == [t for t in text if not t.endswith(".jpg")] + paragraphs[4:]
    # Numbered line after line, with no prose between them, the lines stay furniture.
    from workers.parsing.wholepage import _numbered_items, classify, stopwords_of

    stopwords = stopwords_of("en")
    classed = [classify(line, stopwords) for line in [paragraphs[0], *most_read, *headings]]
    assert _numbered_items(classed) == []
    # Nor are numbered comments, each with its date, however much prose is between them.
    comments = [
        "1. Pingback from Jane Roe | 11.09.2011 23:31",
        "2. Pingback from John Doe | 26.06.2012 10:43",
    ]
    lines = [comments[0], paragraphs[0], comments[1], paragraphs[1]]
    assert _numbered_items([classify(line, stopwords) for line in lines]) == []


def _wrapped(blocks: list[str], width: int, indent: str = "") -> str:
    """Blocks laid out as a text browser dumps them: wrapped at ``width``, a blank line between."""
    import textwrap

    wrap = textwrap.TextWrapper(
        width=width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )
    return "\n\n".join("\n".join(wrap.wrap(block)) for block in blocks)


def test_wrapped_paragraphs_are_joined_back_and_short_lines_left_alone() -> None:
    from workers.parsing.textdump import unwrapped

    text = "\n".join(NAV) + "\n\n" + _wrapped(BRIDGE * 2, 72, indent="   ")
    assert text.count("\n") > len(NAV) + 2 * len(BRIDGE) * 2  # the paragraphs were wrapped
    lines = [line.strip() for line in unwrapped(text) if line.strip()]
    assert lines == [*NAV, *BRIDGE * 2]


def test_a_few_lines_wider_than_the_wrapping_leave_the_rest_unwrapped() -> None:
    """A line of code or a table's row that the browser could not fit sticks out past the
    width it wraps text at: it stays as it is, and the paragraphs are still joined back. A
    page with many such lines was not wrapped, and is left alone."""
    from workers.parsing.textdump import unwrapped

    code = "tshark -r capture.pcap -T fields -e ssl.handshake.extensions_server_name " * 2
    text = "\n".join(NAV) + "\n\n" + _wrapped(BRIDGE * 20, 78) + "\n\n" + code + "\nls -l\n"
    lines = [line.strip() for line in unwrapped(text) if line.strip()]
    assert lines == [*NAV, *BRIDGE * 20, code.strip(), "ls -l"]
    table = "\n".join([code] * 4)
    text = _wrapped(BRIDGE * 4, 78) + "\n\n" + table  # (one line in seven)
    assert unwrapped(text) == [line.rstrip() for line in text.splitlines()]


def _wrapped_wide(paragraph: str, columns: int) -> list[str]:
    """A paragraph of Chinese as a text browser wraps it: two columns a character, a line
    broken before the character that would reach the last column."""
    lines, line = [], ""
    for char in paragraph:
        if 2 * len(line) + 2 >= columns:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line]


def test_chinese_paragraphs_wrapped_by_columns_are_joined_back_without_spaces() -> None:
    """w3m wraps Chinese at 80 columns, two a character (39 characters a line), under a menu of
    short Latin lines: the paragraphs are joined back by columns, with no space put between
    their characters; a short line of Chinese (a heading) stays apart."""
    from workers.parsing.textdump import unwrapped

    paragraphs = [
        "在抗击疫情的日子里，封在武汉的父母们总要万般无奈而又小心翼翼回应着孩子天真的追问。" * 3,
        "即便日常已改变了模样，但生活依然要继续。纵然已有焦虑煎熬，但内心仍需要坚强。" * 4,
    ]
    heading = "武汉的声音"
    blocks = ["\n".join(_wrapped_wide(p, 80)) for p in paragraphs]
    assert all(len(line) <= 39 for block in blocks for line in block.splitlines())
    text = "\n".join(NAV) + "\n\n" + heading + "\n\n" + "\n\n".join(blocks)
    lines = [line.strip() for line in unwrapped(text) if line.strip()]
    assert lines == [*NAV, heading, *paragraphs]


def test_indented_chinese_paragraphs_are_joined_back_by_their_own_columns() -> None:
    """elinks indents paragraphs by three columns and wraps them at 77, short of a caption
    printed at the page's full 80: the lines of Chinese set their indentation's width by their
    own columns (two a character), so the paragraphs are joined back."""
    from workers.parsing.textdump import unwrapped

    paragraphs = [
        "在抗击疫情的日子里，封在武汉的父母们总要万般无奈而又小心翼翼回应着孩子天真的追问。" * 3,
        "即便日常已改变了模样，但生活依然要继续。纵然已有焦虑煎熬，但内心仍需要坚强。" * 4,
    ]
    caption = "图注：测试表明，有关人在高空中喝酒更容易醉的传言是不正确的，宇航员们同样不例外！"
    blocks = ["\n".join("   " + line for line in _wrapped_wide(p, 76)) for p in paragraphs]
    assert 2 * len(caption) == 80 > max(3 + 2 * len(line.strip()) for b in blocks for line in b)
    text = caption + "\n\n" + "\n\n".join(blocks)
    lines = [line.strip() for line in unwrapped(text) if line.strip()]
    assert lines == [caption, *paragraphs]


def test_indented_paragraphs_wrapped_short_of_the_headings_width_are_joined_back() -> None:
    """lynx indents paragraphs and wraps them a few columns short of its headings' width (74
    against 77): their breaks are measured against their own longest line, and the entries of
    an indented menu, far shorter, still stay apart."""
    from workers.parsing.textdump import unwrapped

    heading = _wrapped([" ".join(BRIDGE)], 79).splitlines()[:2]  # 77 columns and 76
    menu = [f"     {entry} news" for entry in ("Local", "World", "Sport", "Business", "Tech")]
    body = _wrapped(BRIDGE * 3, 74, indent="   ")
    text = "\n".join(heading) + "\n\n" + body + "\n\n" + "\n".join(menu)
    lines = [line.strip() for line in unwrapped(text) if line.strip()]
    assert lines[1:] == [*BRIDGE * 3, *(m.strip() for m in menu)]


def test_indented_paragraphs_are_joined_back_under_code_wider_than_their_wrapping() -> None:
    """elinks wraps a blog's indented paragraphs at 77 columns and prints its code blocks as
    they are, some lines 100 columns wide: the indentation that holds most of the text is
    measured against its own longest line, so its paragraphs are joined back; the code's lines
    stay apart."""
    from workers.parsing.textdump import unwrapped

    code = [  # (the widest last: a line that reaches the width and goes on looks wrapped)
        " SELECT avg(n) - stddev(n) AS lower_bound, avg(n) + stddev(n) AS upper_bound FROM t",
        " WHERE n < lower_bound OR n > upper_bound ORDER BY n DESC LIMIT 10; -- the outliers",
        " UNION ALL SELECT n, lower_bound, upper_bound FROM archive WHERE n > upper_bound * 2.5"
        " OR n < 0.5;",
    ]
    body = _wrapped(BRIDGE * 3, 77, indent="   ")
    text = body + "\n\n" + "\n".join(code) + "\n\n" + _wrapped(BRIDGE, 77, indent="   ")
    widest = max(len(line) for line in body.splitlines())
    assert widest < 0.8 * len(code[-1])  # the code sets the dump's width
    lines = [line.strip() for line in unwrapped(text) if line.strip()]
    assert lines == [*BRIDGE * 3, *(c.strip() for c in code), *BRIDGE]


def test_a_text_browsers_dump_with_signs_of_markdown_is_unwrapped_as_text() -> None:
    """lynx prints a form's field as underscores ("__"), which Markdown reads as strong
    emphasis: such a dump is still a text browser's, its paragraphs joined back by the wrap
    width and its indented menu's entries left on their own lines; only a converter's
    Markdown, with its links, is joined as Markdown joins paragraphs."""
    menu = ["     * Home", "     * News", "     * Sport"]
    form = ["   Search: ____________________", "   Name: ____________________"]
    text = "\n".join(form) + "\n\n" + _wrapped(BRIDGE * 2, 72, indent="   ") + "\n"
    text += "\n".join(menu)
    lines, _ = dump_lines(text)
    assert lines == [*(f.strip() for f in form), *BRIDGE * 2, *(m.strip() for m in menu)]


def test_a_forms_empty_field_wider_than_the_text_does_not_set_the_wrap_width() -> None:
    """w3m prints a form's text field as brackets around spaces, wider than the 80 columns it
    wraps text at: the paragraphs are still joined back."""
    from workers.parsing.textdump import unwrapped

    field = "[" + " " * 80 + "]"
    text = "\n".join(NAV) + "\n\n" + field + "\n\n" + _wrapped(BRIDGE * 2, 78)
    lines = [line.strip() for line in unwrapped(text) if line.strip()]
    assert lines == [*NAV, field.strip(), *BRIDGE * 2]


def test_lynxs_list_of_the_pages_links_is_never_the_headline() -> None:
    """lynx prints a page's <link> elements first, on one line after a "#": their titles may
    hold the headline, feeds and all. On a whole page and on a clean dump alike the headline
    is the line that prints it alone; a hashtag lower down may still be a headline."""
    links = f"#Harbour Daily » Feed Harbour Daily » {BRIDGE_HEADLINE} Comments Feed alternate"
    whole = "\n".join([links, *NAV, BRIDGE_HEADLINE, "By Jane Doe", *BRIDGE, *FOOTER])
    assert parsed(whole, 16).title == BRIDGE_HEADLINE
    unprinted = "\n".join([f"#alternate alternate {BRIDGE_HEADLINE}", *BRIDGE, *FOOTER])
    assert not parsed(unprinted, 19).title.startswith("#")
    clean = "\n".join(["#alternate alternate", BRIDGE_HEADLINE, *BRIDGE])
    assert parsed(clean, 17).title == BRIDGE_HEADLINE
    tagged = "\n".join([*NAV, "#Harbour Bridge reopens today", "By Jane Doe", *BRIDGE, *FOOTER])
    assert parsed(tagged, 18).title == "#Harbour Bridge reopens today"


def test_a_rule_drawn_under_a_headline_is_not_joined_to_it() -> None:
    """lynx draws a rule under a heading as underscores the page's width, w3m a table's border
    in box-drawing characters: each still tells a wrapped dump, but no line of text is joined
    to it, so the headline is not read with the rule run on after it."""
    from workers.parsing.textdump import unwrapped

    headline = "Rezoning plan plagues a city councilmember's bid"
    rule, border = "     " + "_" * 66, "━" * 78
    text = f"{headline}\n{rule}\n\n" + _wrapped(BRIDGE * 2, 72, indent="   ")
    text += f"\n{border}\nThe table's first row\n"
    lines = [line.strip() for line in unwrapped(text) if line.strip()]
    assert lines == [headline, rule.strip(), *BRIDGE * 2, border, "The table's first row"]


def test_a_chinese_dump_with_a_paragraph_a_line_is_not_joined_into_one() -> None:
    """Chinese and Japanese put no space between words, so their lines never set the wrap width;
    a short dateline with a space then did, and every paragraph longer than it read as wrapped:
    the whole article ran into its headline's line and had no body. A line of Chinese longer
    than the width was not wrapped at it."""
    from workers.parsing.textdump import parse_text

    headline = "武汉的声音：有英勇的你，才有英雄的城！"
    paragraph = "这是一段很长的文章内容，用来测试日期的读取是否正确，我们需要足够的文字。" * 2
    page = parse_text("\n".join([headline, "2020-02-14 10:30", *[paragraph] * 4]))
    assert (page.title, len(page.paragraphs)) == (headline, 4)
    assert page.published_at is not None and page.published_at.isoformat().startswith("2020-02-14")


def test_a_word_broken_at_its_hyphen_is_joined_without_a_space() -> None:
    from workers.parsing.textdump import unwrapped

    head = "The council said the bridge would carry an electronically-"
    lines = [head.ljust(70, " ")[: len(head)], "limited load of forty tonnes from Monday on."]
    text = "\n".join([*lines, ""] * 6)
    joined = [line for line in unwrapped(text) if line]
    assert joined == [head + "limited load of forty tonnes from Monday on."] * 6


def test_a_dateline_right_under_a_wrapped_paragraph_is_not_joined_to_it() -> None:
    """A standfirst's last line ends a sentence near the width, and the dateline follows with
    no blank line between: the first word of the dateline would not have fitted, yet the
    paragraph ended there. A wrapped line that opens with a date mid-sentence is still joined."""
    from workers.parsing.textdump import unwrapped

    last = "Mit Yuki Tsunoda, dessen Leine nicht ewig lang sein wird, und dem Teamchef."
    dateline = "02.02.2022, 11:30 Uhr von Markus Steinrisser"
    text = "\n\n".join([_wrapped(BRIDGE * 3, len(last)), f"{last}\n{dateline}"])
    assert [line for line in unwrapped(text) if line][-2:] == [last, dateline]
    open_ = last.removesuffix(".") + " und"  # the sentence goes on on the next line
    text = "\n\n".join([_wrapped(BRIDGE * 3, len(open_)), f"{open_}\n{dateline}"])
    assert [line for line in unwrapped(text) if line][-1] == f"{open_} {dateline}"


def test_unwrapped_lines_of_a_dump_never_wrapped_are_the_dumps_own() -> None:
    from workers.parsing.textdump import unwrapped

    text = whole_page(*article(0))
    assert unwrapped(text) == text.splitlines()


def test_a_whole_page_wrapped_at_80_columns_parses_as_the_unwrapped_one() -> None:
    title, paragraphs = article(0)
    header = [*NAV, *TEASERS, "Advertisement", title, "By Jane Doe", "1 December 2026"]
    text = "\n\n".join(["\n".join(header), _wrapped(paragraphs, 80), "\n".join([*FOOTER, *NAV])])
    assert max(len(line) for line in text.splitlines()) <= 80
    page = parsed(text, 9)
    assert page.title == title
    assert page.authors == ["Jane Doe"]
    assert page.body.split("\n\n") == paragraphs


def test_the_publishers_name_and_a_tag_list_are_never_the_headline() -> None:
    """The site's name over the headline, repeated in its copyright line, is the publisher; a
    "Topics:" list is chrome. Neither is taken for the headline."""
    masthead = "The Harbour Daily Courier"
    topics = "Topics: bridge, harbour, council, Ferries, Transport News"
    footer = [*FOOTER, f"harbourdaily.example © 1996-2026 {masthead}"]
    lines = [*NAV, masthead, *TEASERS, BRIDGE_HEADLINE, "By Jane Doe", topics, *BRIDGE, *footer]
    assert parse_text("\n".join(lines)).title == BRIDGE_HEADLINE
    context = HeadlineContext.of(Layout.of(lines))
    candidates = [lines[i] for i in context.candidates()]
    assert BRIDGE_HEADLINE in candidates
    assert masthead not in candidates and topics not in candidates


def test_a_headline_ending_with_an_abbreviation_is_still_a_headline() -> None:
    """ "... Underneath N.Y.C." ends with a full stop but is no sentence; a line wholly in
    brackets under it (a newsletter's promo) is no headline."""
    headline = "Burst pipes: how winter wreaks havoc under the harbour bridge N.Y.C."
    promo = "[What you need to know to start the day: get Harbour Today in your inbox.]"
    lines = [*NAV, *TEASERS, headline, "By Jane Doe", promo, *BRIDGE, *FOOTER]
    assert find_article(lines).title == headline


def test_a_by_line_wins_over_a_line_of_bare_names_above_it() -> None:
    """A section label of two capitalised words ("Tech Industry") reads like a bare name; the
    byline under it, with a bullet, a colon, a date and a handle, is the one that names the
    writer."""
    byline = "* by: Jane Doe January 18, 2017 11:00 PM PST @janedoe"
    lines = [*NAV, *TEASERS, BRIDGE_HEADLINE, "Tech Industry", byline, *BRIDGE, *FOOTER]
    page = parse_text("\n".join(lines))
    assert page.authors == ["Jane Doe"]
    assert page.published_at is not None
    assert page.published_at.isoformat().startswith("2017-01-19T07:00")


def test_bare_names_beside_a_time_win_over_bare_names_alone() -> None:
    """Two lines of capitalised words under the headline: the one printed with a time ("1 day
    ago") is the byline."""
    lines = [*NAV, *TEASERS, BRIDGE_HEADLINE, "Harbour Insider", "Jane Doe 1 day ago"]
    page = parse_text("\n".join([*lines, *BRIDGE, *FOOTER]))
    assert page.authors == ["Jane Doe"]


def test_a_marked_headline_far_above_the_body_is_still_a_candidate() -> None:
    """A Markdown page whose `# headline` is separated from its text by a long gallery: the
    marked heading is read as the headline, however far above the body it is."""
    gallery = [f"{n} / 80" if n % 2 else "Photo: John Roe, Harbour Daily" for n in range(80)]
    nav = [f"* [{item.lstrip('*o ')}](/{n})" for n, item in enumerate(NAV)]
    lines = [*nav, f"# {BRIDGE_HEADLINE}", "By Jane Doe", *gallery, *BRIDGE, *FOOTER]
    page = parse_text("\n".join(lines))
    assert page.title == BRIDGE_HEADLINE


def test_a_headline_may_begin_with_home_or_a_month_like_word() -> None:
    """ "Home Depot ..." is no "Home" breadcrumb, "Decision 2024 ..." and "Marvel 2 ..." hold
    no date, and "credit card" is no photo credit."""
    headlines = [
        "Home Depot sales miss and its shares plunge",
        "Decision 2024 results for the harbour bridge vote",
        "Marvel 2 review: the harbour bridge on screen",
        "The credit card that pays for the harbour bridge",
    ]
    for headline in headlines:
        lines = [*NAV, *TEASERS, headline, "By Jane Doe", *BRIDGE, *FOOTER]
        context = HeadlineContext.of(Layout.of(lines))
        assert headline in [lines[i] for i in context.candidates()], headline


ZH_MENU = ["* 首页", "* 新闻", "* 体育", "* 娱乐", "* 财经", "* 科技", "* 汽车", "* 房产", "* 教育"]
ZH_BODY = [
    "市政府周一宣布，经过数月的维修，港口大桥已经重新开放通车，通勤者不再需要绕道乘坐渡轮。",
    "工程师表示，大桥的维修工作比原计划提前完成，市议会感谢居民在封闭期间的耐心和理解。",
    "早上大桥上的车流量不大，但随着重新开放的消息传开，车辆在一天中逐渐增多，交通恢复正常。",
]


def test_a_chinese_whole_page_gives_its_prose_not_its_menus() -> None:
    """Chinese writes no spaces: a line is measured by its characters, and its clause and
    sentence punctuation tells prose from a menu's labels."""
    headline = "港口大桥经过数月维修后重新开放"
    lines = [*ZH_MENU, "热门新闻", "* 天气预报", headline, "2026年12月1日", *ZH_BODY, *ZH_MENU]
    page = parse_text("\n\n".join([*lines, "版权所有 © 2026 港口日报"]))
    assert page.title == headline
    assert page.paragraphs == ZH_BODY


DE_NAV = ["Zum Inhalt springen", "* Startseite", "* Politik", "* Sport", "* Kultur", "Suche"]
DE_NAV += ["Anmelden", "Abonnieren", "Menü", "* Wirtschaft", "* Wetter", "Newsletter"]
DE_BODY = [
    "Der Gemeinderat hat am Montag den Haushalt für das kommende Jahr beschlossen, nachdem die "
    "Fraktionen sich nach einer langen Debatte über die Schulen geeinigt hatten.",
    "Die Stadt will in den nächsten Jahren mehr Geld in den Nahverkehr und in die Sanierung der "
    "Schulen stecken, sagte die Bürgermeisterin nach der Sitzung im Rathaus.",
    "Die Opposition kritisierte, dass die Schulden der Stadt damit weiter steigen würden, und "
    "kündigte an, gegen einzelne Posten des Haushalts zu stimmen.",
]


def test_a_numeric_date_in_a_page_whose_language_writes_the_day_first_is_read() -> None:
    """ "12/10/2020" is 12 October in a German page (whose source is not known); in an English
    page it is not guessed."""
    header = ["Der Haushalt für das kommende Jahr steht", "Von Anna Schmidt | 12/10/2020"]
    lines = [*DE_NAV, *header, *DE_BODY, "Impressum", "Datenschutz", *DE_NAV]
    page = parse_text("\n".join(lines))
    assert page.authors == ["Anna Schmidt"]
    assert page.published_at is not None and page.published_at.date().isoformat() == "2020-10-12"
    english = [*NAV, BRIDGE_HEADLINE, "By Jane Doe | 12/10/2020", *BRIDGE, *FOOTER]
    assert parse_text("\n".join(english)).published_at is None


def test_a_line_over_the_headline_with_its_own_dateline_names_the_author() -> None:
    """ "04.02.2022 | 13:10 Uhr | Uta Helkenberg" over the headline: a header printed above it,
    its names and date on one line; bare names over the headline with no date stay no byline."""
    title, paragraphs = article(0)
    lines = [*NAV, *TEASERS, "04.02.2022 | 13:10 Uhr | Uta Helkenberg", title, *paragraphs]
    page = parse_text("\n".join([*lines, *FOOTER]))
    assert (page.title, page.authors) == (title, ["Uta Helkenberg"])
    undated = [*NAV, *TEASERS, "Uta Helkenberg", title, *paragraphs, *FOOTER]
    assert parse_text("\n".join(undated)).authors == []


def test_a_post_footer_that_labels_the_author_names_them() -> None:
    """No byline near the headline, but "Written by Jane Doe on ..." under the post."""
    title, paragraphs = article(0)
    footer = "Written by Jane Doe on 3 March 2024"
    lines = [*NAV, *TEASERS, title, *paragraphs, footer, *FOOTER]
    page = parse_text("\n".join(lines))
    assert (page.title, page.authors) == (title, ["Jane Doe"])
    assert page.published_at is not None and page.published_at.date().isoformat() == "2024-03-03"


def test_an_embedded_posts_signature_does_not_date_the_article() -> None:
    title, paragraphs = article(0)
    tweet = [
        "Highlights from our win pic.twitter.com/x",
        "— West Ham United (@WestHam) October 31, 2021",
    ]
    lines = [*NAV, *TEASERS, title, "By Jane Doe", paragraphs[0], *tweet, *paragraphs[1:], *FOOTER]
    page = parsed("\n".join(lines), 12)
    assert page.title == title
    assert page.published_at is None


def test_a_label_the_page_repeats_between_paragraphs_is_not_what_the_body_is_about() -> None:
    """A page prints the same label over its headline and between its paragraphs ("CONTINUA
    DEPOIS DA PUBLICIDADE"): the label's words are in the body only as the label, so the
    headline is the line about the body."""
    label = "READ THE REST BELOW"
    body = [BRIDGE[0], label, BRIDGE[1], label, BRIDGE[2]]
    lines = [*NAV, *TEASERS, label, BRIDGE_HEADLINE, "By Jane Doe", *body, *FOOTER]
    assert find_article(lines).title == BRIDGE_HEADLINE


def test_a_breadcrumb_that_cuts_the_headline_short_echoes_it() -> None:
    """ "Home > Harbour bridge reop ..." repeats the headline as a full one would; prose that
    merely goes on after a phrase of it ("Harbour bridge... it was") does not."""
    lines = [*NAV, "Home > Harbour bridge reopens aft ...", *TEASERS, "EN FR DE IT"]
    lines += [BRIDGE_HEADLINE, "By Jane Doe", *BRIDGE, *FOOTER]
    context = HeadlineContext.of(Layout.of(lines))
    at = lines.index(BRIDGE_HEADLINE)
    assert headline_features(context, at)["echoed"] == 1.0
    assert find_article(lines).title == BRIDGE_HEADLINE
    lines[len(NAV)] = "Harbour bridge... it was about time, said everyone who had to use the ferry."
    assert headline_features(HeadlineContext.of(Layout.of(lines)), at)["echoed"] == 0.0


def test_a_headline_beside_another_cell_is_the_headline_alone() -> None:
    """A text browser lays table cells side by side on one line: the headline's line ends at
    the gap before the next cell."""
    side = "Follow us on Facebook"
    lines = [*NAV, *TEASERS, f"{BRIDGE_HEADLINE}{' ' * 24}{side}", "By Jane Doe"]
    lines += [*BRIDGE, *FOOTER]
    assert find_article(lines).title == BRIDGE_HEADLINE


def test_a_list_of_sentence_parts_inside_the_article_stays_in_its_body() -> None:
    """An article that enumerates ("The changes:" then bulleted items ending with commas) is
    one body: its items are not menu entries that cut it in two. The page's menus, bulleted
    labels with no sentence in them, stay out, and the page is still a whole page."""
    items = [
        "* the bridge opens to cars from Monday morning,",
        "* buses return to their old routes on Wednesday,",
        "* the ferries keep their summer timetable until the end of the month.",
    ]
    lines = [*NAV, *TEASERS, BRIDGE_HEADLINE, BRIDGE[0], "The council listed the changes:"]
    lines += [*items, BRIDGE[1], BRIDGE[2], *FOOTER, *NAV]
    assert looks_whole_page(lines)
    found = find_article(lines)
    assert found.title == BRIDGE_HEADLINE
    assert BRIDGE[0] in found.paragraphs and BRIDGE[2] in found.paragraphs
    assert all(item in found.paragraphs for item in items)
    assert not set(found.paragraphs) & set(NAV)


def test_a_personal_sites_copyright_line_names_the_writer_of_an_unsigned_post() -> None:
    """No byline anywhere; the footer's copyright line names a person: the site's writer."""
    title, paragraphs = article(0)
    footer = [*FOOTER[:-1], "(c) Johanna Stein • Weitere Rechte siehe Impressum"]
    lines = [*NAV, *TEASERS, title, *paragraphs, *footer, *NAV]
    assert parsed("\n".join(lines), 30).authors == ["Johanna Stein"]
    signed = [*NAV, *TEASERS, title, "By Jane Doe", *paragraphs, *footer, *NAV]
    assert parsed("\n".join(signed), 31).authors == ["Jane Doe"]


def test_a_whole_page_with_no_headline_keeps_its_first_paragraph_in_its_body() -> None:
    """No line of the page has a headline's shape: the body's first paragraph is titled by its
    first sentence and stays in the body."""
    lines = [*NAV, "Advertisement", *BRIDGE, *FOOTER]
    assert looks_whole_page(lines)
    page = parse_text("\n".join(lines))
    assert page.paragraphs == BRIDGE
    assert page.title == BRIDGE[0]  # one sentence long
    assert first_sentence(f"{BRIDGE[0]} {BRIDGE[1]}") == BRIDGE[0]
    # A full stop before a number ends no sentence; an ellipsis before a word does.
    ranked = "Nadal is ranked No. 2 in the world after the final."
    assert first_sentence(f"{ranked} He won.") == ranked
    assert first_sentence("Then the lights went out… Nobody moved.") == "Then the lights went out…"
    headed = parse_text("\n".join([*NAV, *TEASERS, BRIDGE_HEADLINE, *BRIDGE, *FOOTER]))
    assert (headed.title, headed.paragraphs) == (BRIDGE_HEADLINE, BRIDGE)


def test_a_short_articles_text_under_a_toolbar_joins_its_standfirst() -> None:
    """A long standfirst, a toolbar of share buttons, then the article's one paragraph: the
    body's run, a paragraph long, goes on past the toolbar; the toolbar stays out."""
    toolbar = ["Von Jane Doe", "Grafik herunterladen", "Artikel teilen", "Link kopieren"]
    standfirst = f"{BRIDGE[0]} {BRIDGE[1]}"
    lines = [*NAV, BRIDGE_HEADLINE, standfirst, *toolbar, BRIDGE[2], *FOOTER]
    found = find_article(lines)
    assert found.title == BRIDGE_HEADLINE
    assert found.paragraphs == [standfirst, BRIDGE[2]]


def test_the_pages_url_picks_the_headline_it_spells() -> None:
    """Two lines of headline shape over one byline: the page's URL, where its message gives one,
    spells the headline, whichever of the two it is; a URL with no slug changes nothing."""
    second = "Commuters return to the harbour bridge"
    lines = [*NAV, *TEASERS, "Advertisement", BRIDGE_HEADLINE, second, "By Jane Doe"]
    lines += [*BRIDGE, *FOOTER]
    site = "https://harbourdaily.example/news/2026/12/01/"
    unmarked = find_article(lines).title
    assert find_article(lines, slug=slug_words(site + "42")).title == unmarked
    first_url = site + "harbour-bridge-reopens-after-months-of-repairs/"
    second_url = site + "commuters-return-harbour-bridge/"
    assert find_article(lines, slug=slug_words(first_url)).title == BRIDGE_HEADLINE
    assert find_article(lines, slug=slug_words(second_url)).title == second
    assert parse_text("\n".join(lines), url=second_url).title == second


def test_a_headline_beats_its_first_words_printed_alone() -> None:
    """A product box prints the first words of the headline alone, nearer the body ("Xbox One
    X" over "Xbox One X review: ..."): every word of it is in the URL's slug, but it spells less
    of the slug than the headline does."""
    headline = "Harbour bridge review: a crossing that keeps the city moving"
    box = ["Harbour bridge", "Get more info", "Key specs"]
    lines = [*NAV, headline, "By Jane Doe", *box, *BRIDGE, *FOOTER]
    url = "https://harbourdaily.example/2026/12/01/harbour-bridge-review/"
    assert find_article(lines, slug=slug_words(url)).title == headline


def test_the_urls_month_tells_which_number_of_a_numeric_date_is_the_day() -> None:
    """ "11/08/26" on an English page is 8 November or 11 August: not guessed, unless the URL
    files the article under a month that one reading falls in."""
    lines = [*NAV, *TEASERS, "Advertisement", BRIDGE_HEADLINE, "By Jane Doe • 11/08/26"]
    text = "\n".join([*lines, *BRIDGE, *FOOTER])
    url = "https://harbourdaily.example/{}/harbour-bridge-reopens/"
    assert parse_text(text).published_at is None
    for month, day in (("2026/11", "2026-11-08"), ("2026/08", "2026-08-11"), ("2026/05", None)):
        found = parse_text(text, url=url.format(month)).published_at
        assert (str(found.date()) if found else None) == day


def test_a_whole_page_that_prints_no_date_is_dated_by_its_url() -> None:
    """The day in the URL's path is the published day where the page prints none; a printed
    date within a day of it wins over it, one further away (a related story's) does not."""
    head = [*NAV, *TEASERS, "Advertisement", BRIDGE_HEADLINE, "By Jane Doe"]
    undated = "\n".join([*head, *BRIDGE, *FOOTER])
    dated = "\n".join([*head, "1 December 2026", *BRIDGE, *FOOTER])
    url = "https://harbourdaily.example/2026/11/30/harbour-bridge-reopens/"
    assert parse_text(undated).published_at is None
    assert str(parse_text(undated, url=url).published_at) == "2026-11-30 00:00:00+00:00"
    assert str(parse_text(dated, url=url).published_at) == "2026-12-01 00:00:00+00:00"
    far = dated.replace("1 December 2026", "1 December 2025")
    assert str(parse_text(far).published_at) == "2025-12-01 00:00:00+00:00"
    assert str(parse_text(far, url=url).published_at) == "2026-11-30 00:00:00+00:00"
    # What a producer sends, fetched on 1 December 2025:
    envelope = orjson.dumps({"content": undated, "url": url.replace("2026", "2025")})
    position = Position("articles.raw", 0, 0, 1_764_547_200.0)
    assert parse_at(envelope, position, SETTINGS).published_at == "2025-11-30T00:00:00Z"


def test_a_page_under_twenty_lines_half_of_it_menu_is_a_whole_page() -> None:
    """Under 20 lines, a dump is a whole page only if half of it or more is furniture: the
    headline is then found under the menu, not taken from its first entry."""
    short = [*NAV, BRIDGE_HEADLINE, "1 December 2026 - Jane Doe", *BRIDGE[:2], *FOOTER[-3:]]
    assert 10 <= len(short) < 20
    assert looks_whole_page(short)
    assert parse_text("\n".join(short)).title == BRIDGE_HEADLINE
    clean = ["Skip to main content", BRIDGE_HEADLINE, "By Jane Doe", "1 December 2026", *BRIDGE]
    clean += ["Share this article", "Facebook", "Twitter", *BRIDGE]
    assert 10 <= len(clean) < 20
    assert not looks_whole_page(clean)  # a third of it is furniture: a clean dump


def test_a_section_label_under_the_headline_is_no_byline() -> None:
    """A line of two capitalised words right under the headline names its writer only if the
    first is a known given name: "Radtouren Berlin" is the page's section, "Jane Doe" a byline."""
    for label, authors in (("Radtouren Berlin", []), ("Jane Doe", ["Jane Doe"])):
        lines = [*NAV, *TEASERS, "Advertisement", BRIDGE_HEADLINE, label, *BRIDGE, *FOOTER]
        assert parse_text("\n".join(lines)).authors == authors


def test_a_section_label_with_a_date_beside_it_is_no_byline_either() -> None:
    """A date beside two capitalised words ("Gesundheit Angst 30/10/23", a teaser's section and
    tag) does not make them a name: only a known given name or an agency does ("Alex Perry 1 day
    ago")."""
    for label, authors in (
        ("Gesundheit Angst 30/10/23", []),
        ("Jane Doe 30/10/23", ["Jane Doe"]),
        ("Reuters 30/10/23", ["Reuters"]),
    ):
        lines = [*NAV, *TEASERS, "Advertisement", BRIDGE_HEADLINE, label, *BRIDGE, *FOOTER]
        assert parse_text("\n".join(lines)).authors == authors


def test_a_handle_or_a_role_beside_a_name_makes_it_a_byline() -> None:
    """Under the headline, a name whose first word is no known given name is a byline when the
    line prints what only a byline does beside it: the writer's handle or role, or an agency. A
    section's label beside a role-like word ("Digital Life, News") stays none."""
    for label, authors in (
        ("Devindra Hardawar , @devindra", ["Devindra Hardawar"]),
        ("Devindra Hardawar, Staff Writer", ["Devindra Hardawar"]),
        ("Nataliya Vasilyeva, Associated Press", ["Nataliya Vasilyeva"]),
        ("Devindra Hardawar", []),
        ("Digital Life, News", []),
    ):
        lines = [*NAV, *TEASERS, "Advertisement", BRIDGE_HEADLINE, label, *BRIDGE, *FOOTER]
        assert parse_text("\n".join(lines)).authors == authors, label


def test_an_authors_card_over_the_headline_names_the_writer() -> None:
    """A name right over its article's reading time, above the headline (a blogging platform's
    header), names the writer, whatever its given name. Two such cards there are a list of
    teasers, each with its own writer: neither is the article's."""
    card = ["Devindra Hardawar", "14 min read"]
    teaser = ["Five things to do this weekend", "Ruth Okafor", "6 min read"]
    for cards, authors in (([card], ["Devindra Hardawar"]), ([teaser, card], [])):
        top = [line for lines in cards for line in lines]
        lines = [*NAV, *top, *TEASERS, "Advertisement", "Share", BRIDGE_HEADLINE, *BRIDGE]
        assert parse_text("\n".join([*lines, *FOOTER])).authors == authors, cards


def test_a_title_lines_publication_name_is_no_part_of_the_headline() -> None:
    """A clean dump's first line that ends in the publication's name after a separator (a
    press word in it, or a domain) gives the headline without it; an ending with no such word
    is the headline's own."""
    for line, title in (
        (f"{BRIDGE_HEADLINE} - The Harbour Times", BRIDGE_HEADLINE),
        (f"{BRIDGE_HEADLINE} | harbourtimes.co.uk", BRIDGE_HEADLINE),
        (f"{BRIDGE_HEADLINE} - The Final Countdown", f"{BRIDGE_HEADLINE} - The Final Countdown"),
        ("Why I left the event loop - Node.js", "Why I left the event loop - Node.js"),
    ):
        assert parse_text("\n\n".join([line, "By Jane Doe", *BRIDGE])).title == title


def test_readers_comments_the_body_took_in_are_cut_at_the_first_comment() -> None:
    """Two comment headers or more in the body (who, then when to the minute) start the
    readers' comments, which are no part of the article; one such line alone is an update's
    or a source's and stays."""
    comments = [
        "Barry Kooij · March 10, 2017 at 2:56 AM",
        "I feel like you are right on this one, and the council should have acted sooner.",
        "* Ruth Okafor on March 11, 2017 at 8:41 PM said:",
        "The ferries were a nightmare for months, so this is very welcome news for all of us.",
    ]
    for tail, kept in ((comments, BRIDGE), (comments[:2], BRIDGE + comments[:2])):
        text = "\n\n".join([BRIDGE_HEADLINE, "By Jane Doe", *BRIDGE, *tail])
        assert parse_text(text).paragraphs == kept


def test_a_labelled_byline_anywhere_on_the_page_names_the_author() -> None:
    """Where nothing by the headline or under the body names the writer, a line elsewhere that
    labels its names as the author's does ("Verfasst von: ...", in a blog's header); a name
    with no label there does not."""
    for line, authors in (
        ("Verfasst von: jdoe-blog | 1. Dezember 2026", ["jdoe-blog"]),
        ("Jane Doe | 1. Dezember 2026", []),
    ):
        lines = [line, *NAV, *TEASERS, "Advertisement", BRIDGE_HEADLINE, *BRIDGE, *FOOTER]
        assert parse_text("\n".join(lines)).authors == authors


def test_a_headline_the_bodys_run_took_in_is_found_over_its_byline() -> None:
    """A headline long enough to read as prose, with a full stop inside it, is taken into the
    body's run with the short lines under it; the short byline right under it still marks it as
    the headline, and the body starts under it."""
    headline = "The bridge is back. Is the harbour ready for the traffic it will bring?"
    caption = "The bridge at dawn. Photo: Jane Doe"
    lines = [*NAV, *NAV, *TEASERS, "Menu Close", headline, "By Jane Doe @janedoe", caption]
    page = parse_text("\n".join([*lines, *BRIDGE, *FOOTER]))
    assert (page.title, page.authors) == (headline, ["Jane Doe"])
    assert page.paragraphs[-3:] == BRIDGE
    assert headline not in page.paragraphs


def test_an_author_label_alone_on_its_line_labels_the_next_line() -> None:
    """A byline's label and its names in two elements, dumped on two lines ("Kommentar von" /
    "Jane Doe", "Autor" / a desk) read as one labelled byline; a label before a line that
    names no one ("Von" / "Hamburg nach Berlin") names no one."""
    for pair, authors in (
        (["Kommentar von", "Jane Doe"], ["Jane Doe"]),
        (["Autor", "Beispiel Blog Redaktion"], ["Beispiel Blog Redaktion"]),
        (["* by", "Jane Doe"], ["Jane Doe"]),
        (["Von", "Hamburg nach Berlin"], []),
        (["Kommentar", "Jane Doe"], []),
    ):
        lines = [*pair, *NAV, *TEASERS, "Advertisement", BRIDGE_HEADLINE, *BRIDGE, *FOOTER]
        assert parse_text("\n".join(lines)).authors == authors


def test_a_byline_saying_by_further_over_the_headline_names_the_author() -> None:
    """A gallery's buttons between a byline and the headline under it: the line that says "By"
    (a date and a follow link glued on) still names the writer; a name without "By" there
    does not."""
    gallery = ["1 of 24", "Full Screen", "Autoplay", "Show Thumbnails", "Hide Caption", "Share"]
    for line, authors in (
        ("By Jane Doe March 18 at 3:57 PM Follow @janedoe", ["Jane Doe"]),
        ("Jane Doe March 18 at 3:57 PM", []),
    ):
        lines = [*NAV, line, *gallery, BRIDGE_HEADLINE, *BRIDGE, *FOOTER]
        assert parse_text("\n".join(lines)).authors == authors


def test_a_headline_quoting_in_guillemets_is_a_headline_and_a_breadcrumb_is_not() -> None:
    """A closing guillemet ends a quotation in a headline ("Mayor: «The bridge is ours
    again»"), not only a breadcrumb's step ("Home » News » Harbour"), which stays no headline."""
    quoted = "Harbour mayor: «The bridge is ours again after months of repairs»"
    crumb = "Harbour Daily » News » Harbour bridge reopens after repairs"
    for lines, title in (
        ([*NAV, *TEASERS, "Advertisement", quoted, "By Jane Doe", *BRIDGE, *FOOTER], quoted),
        ([*NAV, *TEASERS, crumb, "By Jane Doe", *BRIDGE, *FOOTER], None),
    ):
        found = parse_text("\n".join(lines)).title
        assert (found == title) if title else (found != crumb)


def test_a_headline_may_print_a_date_among_words_enough() -> None:
    """A date beside six words or more is a headline's ("Bridge report of 01.12.2026 - what
    the council has still to decide"); beside fewer, or beside a weekday (a caption's "...,
    Tuesday, Dec. 1, 2026, in Harbour"), it is a dateline or a caption, never the headline."""
    dated = "Bridge report of 01.12.2026 - what the council has still to decide"
    caption = (
        "The mayor, left, speaks with engineers on the bridge, Tuesday, Dec. 1, 2026, in Harbour"
    )
    for line, title in (
        (dated, dated),
        ("Harbour Daily 01.12.2026 Politics", None),
        (caption, None),
    ):
        lines = [*NAV, *TEASERS, "Advertisement", line, "By Jane Doe", *BRIDGE, *FOOTER]
        found = parse_text("\n".join(lines)).title
        assert (found == title) if title else (found != line)


def test_an_email_address_or_a_dangling_by_label_is_no_headline() -> None:
    """A contact line ("Write to the harbour desk: desk@harbourdaily.example") or a label whose
    names follow on the next line ("More harbour tips by") is never the headline, however
    headline-shaped, even right over the body."""
    for line in (
        "Write to the harbour desk: desk@harbourdaily.example",
        "More harbour tips by",
        "Erstellt von jdoe am Hafen",  # a byline's label, in any of the dates' languages
        "Фото из архива редакции газеты",  # a caption's start, in Russian
    ):
        lines = [*NAV, *TEASERS, "Advertisement", line, *BRIDGE, *FOOTER]
        candidates = [lines[i] for i in HeadlineContext.of(Layout.of(lines)).candidates()]
        assert line not in candidates
        assert TEASERS[0] in candidates


def test_a_handle_alone_after_by_right_under_the_headline_is_the_writer() -> None:
    """A blog's "von jdoe-blog" right under its headline names the writer by a handle; the
    same line lower down, among the body's lines, names no one."""
    under = [*NAV, *TEASERS, "Advertisement", BRIDGE_HEADLINE, "von jdoe-blog", *BRIDGE, *FOOTER]
    assert parse_text("\n".join(under)).authors == ["jdoe-blog"]
    lower = [*NAV, *TEASERS, "Advertisement", BRIDGE_HEADLINE, *BRIDGE, "von jdoe-blog", *FOOTER]
    assert parse_text("\n".join(lower)).authors == []


def test_names_dated_a_little_under_the_headline_or_after_a_picture_are_the_byline() -> None:
    """w3m prints a byline's picture as its name in brackets ("[author-photo] Jane Doe"), and a
    standfirst and a share count may stand between a headline and a dated line of names: both
    are bylines. A dated line of names far down (a comment's) is not."""
    cases = (
        (["[author-photo] Jane Doe", "1 December 2026"], ["Jane Doe"]),
        (["[Jane-Doe-]von Jane Doe 01.12.2026 - 08:13 Uhr"], ["Jane Doe"]),
        (["A standfirst of a few words.", "16", "Jane Doe, 01.12.2026 15:32 Uhr"], ["Jane Doe"]),
    )
    for header, authors in cases:
        lines = [*NAV, *TEASERS, "Advertisement", BRIDGE_HEADLINE, *header, *BRIDGE, *FOOTER]
        assert parse_text("\n".join(lines)).authors == authors
    far = ["Comments", "Show all", "Sort by", "Newest", "Oldest", "Jane Doe, 01.12.2026 15:32 Uhr"]
    far += ["Reply", "Report", "Like"]
    lines = [*NAV, *TEASERS, "Advertisement", BRIDGE_HEADLINE, *far, *BRIDGE, *FOOTER]
    assert parse_text("\n".join(lines)).authors == []


def test_a_headline_far_above_the_body_is_found_where_the_url_spells_it() -> None:
    """A gallery's 70 captions stand between the headline and the body: the headline is out of
    the window searched above the body, unless the page's URL spells it."""
    gallery = [f"* Photo {n}: the harbour bridge seen from the north shore" for n in range(70)]
    lines = [*NAV, BRIDGE_HEADLINE, "By Jane Doe", *gallery, *BRIDGE, *FOOTER]
    url = "https://harbourdaily.example/news/harbour-bridge-reopens-after-months-of-repairs"
    assert find_article(lines).title != BRIDGE_HEADLINE
    assert find_article(lines, slug=slug_words(url)).title == BRIDGE_HEADLINE


def test_a_clean_dumps_menu_line_gives_way_to_the_headline_its_url_spells() -> None:
    """A dump read as clean (little furniture) whose first line is a menu: with the page's URL,
    the headline is the line under it that the URL spells; the menu line is not what it spells,
    so without the URL nothing tells them apart."""
    menu = "Latest News World Politics Business Sport Culture"
    lines = [menu, BRIDGE_HEADLINE, "By Jane Doe", *BRIDGE, *BRIDGE]
    assert not looks_whole_page(lines)
    url = "https://harbourdaily.example/news/harbour-bridge-reopens-after-months-of-repairs"
    assert parse_text("\n".join(lines)).title == menu
    page = parse_text("\n".join(lines), url=url)
    assert (page.title, page.authors) == (BRIDGE_HEADLINE, ["Jane Doe"])
    spelled = "https://harbourdaily.example/news/latest-news-world-politics-business-sport"
    assert parse_text("\n".join(lines), url=spelled).title == menu


def test_the_part_of_a_headline_line_the_url_does_not_spell_is_cut() -> None:
    """ "Headline | Site": the site's name, which the URL's slug does not spell, leaves the title;
    without a URL, or where the other part is a number, the line stays whole."""
    url = "https://harbourdaily.example/news/harbour-bridge-reopens-after-months-of-repairs"
    for suffix, cut in ((" | The Courier", True), (" • 2026", False)):
        line = BRIDGE_HEADLINE + suffix
        lines = [*NAV, *TEASERS, "Advertisement", line, "By Jane Doe", *BRIDGE, *FOOTER]
        assert find_article(lines).title == line
        assert find_article(lines, slug=slug_words(url)).title == (BRIDGE_HEADLINE if cut else line)
    # A clean dump's first line, too.
    line = BRIDGE_HEADLINE + " — The Courier — Medium"
    clean = "\n".join([line, "By Jane Doe", *BRIDGE, *BRIDGE])
    assert parse_text(clean).title == line
    assert parse_text(clean, url=url).title == BRIDGE_HEADLINE


def test_a_kicker_run_into_the_headline_is_cut_where_the_page_prints_them_apart() -> None:
    """A dump may run a heading's kicker into its headline ("Traffic Harbour bridge reopens
    ..."). It is cut off where another line of the page prints the two apart ("Traffic:
    Harbour bridge ...", "Harbour bridge ... - Traffic"), or where the breadcrumb's last item
    just over the headline prints the headline alone. A kicker the heading separates itself
    ("Traffic: ..."), a phrase of the headline echoed alone, and a kicker no line prints are
    kept."""
    glued = f"Traffic {BRIDGE_HEADLINE}"
    separated = f"Traffic: {BRIDGE_HEADLINE}"
    for top, over, headline, title in (
        (f"Traffic: {BRIDGE_HEADLINE}", "Advertisement", glued, BRIDGE_HEADLINE),
        (f"{BRIDGE_HEADLINE} - Traffic", "Advertisement", glued, BRIDGE_HEADLINE),
        ("Harbour Daily", f"* {BRIDGE_HEADLINE}", glued, BRIDGE_HEADLINE),
        (f"Traffic: {BRIDGE_HEADLINE}", "Advertisement", separated, separated),
        ("Sport: reopens after months of repairs", "Advertisement", glued, glued),
        ("Harbour Daily", "* News", glued, glued),
        # the headline's words alone, but in a list far from it: a teaser, not its breadcrumb
        (f"* {BRIDGE_HEADLINE}", "Advertisement", glued, glued),
    ):
        lines = [top, *NAV, *TEASERS, over, headline, "By Jane Doe", *BRIDGE, *FOOTER]
        assert find_article(lines).title == title, (top, over)


def test_a_headline_the_bodys_run_took_in_is_found_where_the_url_spells_it() -> None:
    """A motto or a search box's prose line opens the body's run, and the headline is the next
    line: the page's URL spells it, in words enough, so it is the title. A subheading further
    in that shares a few of the URL's words is not."""
    motto = "Press Enter to search, or Escape to close the search window and go back."
    lines = [*NAV, *TEASERS, motto, BRIDGE_HEADLINE, *BRIDGE, *FOOTER]
    url = "https://example.com/news/harbour-bridge-reopens-after-months-of-repairs/"
    assert find_article(lines, slug=slug_words(url)).title == BRIDGE_HEADLINE
    assert find_article(lines).title != BRIDGE_HEADLINE
    # A subheading that shares a few of the URL's words is not the headline.
    subheading = "Ten months of repairs and counting"
    lines = [*NAV, *TEASERS, motto, subheading, *BRIDGE, *FOOTER]
    assert find_article(lines, slug=slug_words(url)).title != subheading


def test_a_section_the_articles_contents_list_is_no_headline() -> None:
    """A table of contents under the headline lists the sections' headings, which the page
    prints again between the paragraphs: each is the article's subheading, not its headline,
    however close to the body's run it is."""
    sections = ["Why the bridge was closed", "What the repairs have cost", "Where the ferries go"]
    intro = "Commuters will soon be able to drive across again."
    for header in ([], ["5 min read"]):  # no byline under the headline to tell it
        lines = [*NAV, *TEASERS, BRIDGE_HEADLINE, *header, intro, "Contents"]
        lines += [f"{mark} {s}" for mark, s in zip(("1.", "2.", "3."), sections, strict=True)]
        for heading, paragraph in zip(sections, BRIDGE, strict=True):
            lines += [heading, paragraph, paragraph.replace("bridge", "crossing")]
        assert find_article([*lines, *FOOTER]).title == BRIDGE_HEADLINE, header


def test_the_paragraphs_over_a_contents_list_are_the_bodys_too() -> None:
    """A long post opens with a few paragraphs, then lists its sections ("Contents", its
    entries as a bulleted list), then prints them: the list neither ends nor starts the body,
    so the opening paragraphs are the body's."""
    sections = ["Why the bridge was closed", "What the repairs have cost", "Where the ferries go"]
    opening = [p.replace("bridge", "harbour crossing") for p in BRIDGE]
    lines = [*NAV, *TEASERS, BRIDGE_HEADLINE, "By Jane Doe", *opening, "Contents"]
    lines += [f"* {s}" for s in sections]
    for heading in sections:
        lines += [heading, *BRIDGE]
    found = find_article([*lines, *FOOTER])
    assert found.title == BRIDGE_HEADLINE
    assert found.paragraphs[: len(opening)] == opening
    assert not any(p.startswith("* ") for p in found.paragraphs)


def test_a_breadcrumb_or_a_list_of_articles_naming_the_headline_is_no_table_of_contents() -> None:
    """A breadcrumb's items printed again as the headline and its kicker, and a "most read"
    list that names this article among others, leave the headline a candidate."""
    breadcrumb = ["* Harbour Daily", "* Transport", f"* {BRIDGE_HEADLINE}"]
    most_read = ["Most read", *(f"* {t}" for t in TEASERS[:2]), f"* {BRIDGE_HEADLINE}"]
    for listed in (breadcrumb, most_read):
        lines = [*NAV, *listed, "Transport", BRIDGE_HEADLINE, "By Jane Doe", "1 December 2026"]
        found = find_article([*lines, *BRIDGE, *TEASERS, "Harbour Daily", *FOOTER])
        assert found.title == BRIDGE_HEADLINE, listed[0]


def test_a_contents_list_printed_with_no_markers_is_no_headline() -> None:
    """Chromium's text prints a contents list as bare short lines between the byline and the
    body. Five of them or more in a row, each printed again lower down in the same order with
    text between, are the list: none is the headline, so the byline over them is read too."""
    sections = [
        "Why the bridge was closed",
        "The repairs on the bridge",
        "Where the ferries go",
        "Traffic on the bridge",
        "What comes next",
    ]
    lines = [*NAV, *TEASERS, BRIDGE_HEADLINE, "By Jane Doe • 1 December 2026", *sections]
    for heading in sections:
        lines += [heading, *BRIDGE]
    page = parsed("\n".join([*lines, *FOOTER]), 10)
    assert page.title == BRIDGE_HEADLINE
    assert page.authors == ["Jane Doe"]


def test_a_teaser_printing_the_kicker_headline_and_standfirst_again_is_no_contents_list() -> None:
    """A teaser lower on the page that prints the kicker, the headline and the standfirst
    again, each with text between, is three bare lines in a row: too few for a contents list
    printed without markers, so the headline stays a candidate."""
    standfirst = "Commuters back on the road"
    lines = [*NAV, "Transport", BRIDGE_HEADLINE, standfirst, "By Jane Doe", *BRIDGE]
    teaser = ["Transport", BRIDGE[0], BRIDGE_HEADLINE, BRIDGE[1], standfirst]
    found = find_article([*lines, *TEASERS, *teaser, *FOOTER])
    assert found.title == BRIDGE_HEADLINE


FETCH_PROSE = [
    "The fetch function takes the address of a resource and returns a promise that resolves "
    "to the response, which you can then read as text, as JSON or as a stream of bytes.",
    "Each of these methods can be called only once, because the body of the response is a "
    "stream that is read as it arrives, and it is gone once it has been read to its end.",
    "That is why the example checks the status of the response before it reads the body, and "
    "logs an error when the server answers with anything but a success.",
]
FETCH_CODE = [
    'fetch("/data.json").then(function(res) {',
    "if (res.ok) {",
    "res.json().then(function(data) {",
    "console.log(data.entries);",
    "});",
    "} else {",
    'console.log("Failed", res.status);',
    "}",
    "});",
]


def test_a_program_between_paragraphs_is_part_of_the_article() -> None:
    """A tech article prints its code between its paragraphs: lines of furniture's shape, but
    code. The body goes on past them, keeps them, and takes in the paragraphs after them."""
    title = "How to fetch a resource from a web page"
    paragraphs = [FETCH_PROSE[0], *FETCH_CODE, FETCH_PROSE[1], *FETCH_CODE, FETCH_PROSE[2]]
    header = [*NAV, *TEASERS, title, "By Jane Doe", "1 December 2026"]
    page = parsed("\n".join([*header, *paragraphs, *FOOTER]), 11)
    assert page.title == title
    body = page.body.split("\n\n")
    assert FETCH_PROSE[0] in body and FETCH_PROSE[2] in body
    assert "console.log(data.entries);" in body
    assert not {*NAV, *FOOTER} & set(body)


def test_a_markdown_fence_holds_code_the_article_goes_on_past() -> None:
    """A Markdown dump's fenced block is code whatever its lines look like ("$ hg init
    public"): the body goes on past it and keeps its lines, not the fences."""
    title = "Sharing a repository between two computers"
    fence = ["```", "$ hg init public", "$ hg clone public work", "```"]
    paragraphs = [FETCH_PROSE[0], *fence, FETCH_PROSE[1], *fence, FETCH_PROSE[2]]
    nav = [f"* [{item}](https://example.com/{item.lower()})" for item in ("Home", "News", "Blog")]
    lines = [*nav, f"# {title}", "By Jane Doe", *paragraphs, *FOOTER]
    page = parsed("\n\n".join(lines), 12)
    body = page.body.split("\n\n")
    assert FETCH_PROSE[0] in body and FETCH_PROSE[2] in body
    assert "$ hg init public" in body
    assert "```" not in body


def test_furniture_between_two_articles_is_no_program() -> None:
    """Menus, labels in capitals and phrases that start as a statement would ("FROM OUR
    PARTNERS", "return to sender") are no code: the run does not go on past them."""
    furniture = ["FROM OUR PARTNERS", "* Home", "return to the top", "except for members", "Share"]
    lines = [*FETCH_PROSE, *furniture, *BRIDGE]
    layout = Layout.of(lines)
    assert not layout.code
    assert (layout.start, layout.end) in {(0, 3), (8, 11)}
    coded = Layout.of([*FETCH_PROSE, *FETCH_CODE, *BRIDGE])
    assert (coded.start, coded.end) == (0, 3 + len(FETCH_CODE) + 3)


def test_a_fence_nothing_closes_holds_no_code() -> None:
    """A stray fence (a dump cut short, a page that prints three backticks) does not make the
    rest of the page code: the paragraphs under it stay prose."""
    lines = [*FETCH_PROSE, "```", *BRIDGE, *FETCH_CODE, FETCH_PROSE[0]]
    layout = Layout.of(lines)
    assert all(line.kind == "good" for line in layout.classed[4:7])
    assert layout.code == frozenset(range(7, 7 + len(FETCH_CODE)))


def test_entities_in_a_wrapped_dump_are_decoded_once_its_lines_are_joined() -> None:
    """A text browser wraps a page that escaped its entities twice as it prints them: "&mdash;"
    is seven columns of the line it broke. Decoded before the lines are joined, such a line
    ends short of the width and its paragraph is cut there; decoded after, it is whole."""
    escaped = [p.replace(" and ", " &mdash; and ").replace("the ", "the &#39;", 1) for p in BRIDGE]
    decoded = [p.replace("&mdash;", "—").replace("&#39;", "'") for p in escaped]
    title = "Harbour bridge reopens &mdash; after months of repairs on its deck"
    text = "\n".join(NAV) + "\n\n" + _wrapped([title, "By Jane Doe", *escaped * 3], 72)
    page = parsed(text + "\n\n" + "\n".join(FOOTER), 13)
    assert page.title == title.replace("&mdash;", "—")
    assert page.body.split("\n\n") == decoded * 3


def test_lynxs_first_line_of_link_elements_is_never_the_article() -> None:
    """lynx prints the page's <link> elements first ("#alternate alternate" and the feed's
    description, as long as a paragraph): furniture, neither the headline nor the body's
    first paragraph, however much of a sentence it holds."""
    links = "#alternate alternate Harbour Daily news feed: " + " ".join(BRIDGE)
    text = "\n".join([links, "Harbour Daily", BRIDGE_HEADLINE, *BRIDGE, *FOOTER])
    page = parsed(text, 14)
    assert page.title == BRIDGE_HEADLINE
    assert page.body.split("\n\n") == BRIDGE


def test_a_caption_printed_twice_under_its_picture_is_furniture() -> None:
    """A dump prints a picture's alternative text and its caption one under the other: the
    same sentence twice in a row. Neither is the article's, however much it reads as prose; a
    headline printed twice (no full stop at its end) is still the headline."""
    caption = "Commuters wait for a ferry at the harbour terminal on a rainy morning in March."
    lines = [*NAV, BRIDGE_HEADLINE, BRIDGE_HEADLINE, "By Jane Doe", BRIDGE[0], caption, caption]
    page = parsed("\n".join([*lines, *BRIDGE[1:], *FOOTER]), 15)
    assert page.title == BRIDGE_HEADLINE
    assert page.body.split("\n\n") == BRIDGE


def _lynx(blocks: list[str]) -> str:
    """Blocks as lynx dumps them: each indented by three spaces (a heading, marked "# ", at the
    first column), wrapped at 77 columns, a blank line between."""
    out = []
    for block in blocks:
        heading = block.startswith("# ")
        out.append(_wrapped([block[2:]], 79) if heading else _wrapped([block], 77, indent="   "))
    return "\n\n".join(out)


def test_lynxs_headings_at_the_first_column_are_marked_as_headings() -> None:
    """lynx indents every block by three spaces but a heading: its dump marks its headings as
    Markdown's "#" does. A dump that indents everything, or nothing, marks none."""
    from workers.parsing.textdump import dump_lines

    lines, marks = dump_lines(_lynx(["* Home", "* News", f"# {BRIDGE_HEADLINE}", *BRIDGE * 2]))
    assert [lines[i] for i in marks.headings] == [BRIDGE_HEADLINE]
    for indent in ("", "   "):
        flat = "\n\n".join(f"{indent}{line}" for line in [BRIDGE_HEADLINE, *BRIDGE * 2])
        assert not dump_lines(flat)[1].headings


def test_elinks_centred_top_heading_is_marked_as_a_heading() -> None:
    """elinks indents blocks as lynx does but centres the page's <h1> in the width it wraps
    at: a centred line marks the headline, as the first column marks a lower heading."""
    from workers.parsing.textdump import dump_lines

    video = "Harbour bridge: watch the first cars cross after the repairs"
    width = 77  # what _lynx wraps at
    centred = " " * ((width - len(BRIDGE_HEADLINE)) // 2) + BRIDGE_HEADLINE
    page = _lynx(["* Home", "* News", *BRIDGE[:1], f"# {video}", *BRIDGE * 2])
    page = page.replace(_lynx(BRIDGE[:1]), centred, 1)
    lines, marks = dump_lines(page)
    assert sorted(lines[i] for i in marks.headings) == sorted([BRIDGE_HEADLINE, video])
    off_centre = page.replace(centred, " " * 8 + BRIDGE_HEADLINE, 1)
    lines, marks = dump_lines(off_centre)
    assert [lines[i] for i in marks.headings] == [video]


def test_a_lynx_headline_far_over_its_body_is_found_by_its_heading() -> None:
    """A gallery's captions between the headline and the body put the headline out of reach of
    the lines over the body; lynx's unindented heading is a candidate however far up it is."""
    gallery = [f"Photo {i} of 70: the harbour" for i in range(70)]
    page = _lynx(["* Home", "* News", f"# {BRIDGE_HEADLINE}", *gallery, *BRIDGE * 2])
    found = parsed(page + "\n\n" + _lynx(FOOTER), 16)
    assert found.title == BRIDGE_HEADLINE


def test_a_headline_of_two_sentences_ending_in_a_period_is_a_candidate() -> None:
    """A line that ends in a period is a sentence, not a headline, unless it is two short
    sentences or more ("... a century. Now, it's being reborn."); a reference ("Doe, J. (2021):
    Title. Journal 131.") and a sentence alone stay out."""
    headline = "The harbour bridge was closed for months. Now it is open again."
    reference = "Doe, J. (2021): Harbour bridges. Coastal Review 131, 34-36."
    sentence = "The harbour bridge reopened to traffic on Monday morning."
    lines = [*NAV, *TEASERS, reference, sentence, headline, "By Jane Doe", *BRIDGE, *FOOTER]
    candidates = [lines[i] for i in HeadlineContext.of(Layout.of(lines)).candidates()]
    assert headline in candidates
    assert reference not in candidates and sentence not in candidates
    assert find_article(lines).title == headline


def test_a_pictures_text_over_its_caption_is_not_echoed_as_a_headline() -> None:
    """w3m prints a picture's alternative text on a line of its own, over the caption that
    opens with it. That line is not a headline echoed elsewhere on the page (a breadcrumb, a
    share text): the headline further up stays the headline, though the URL spells the
    picture's words as well."""
    picture = "Harbour bridge repairs"
    caption = f"{picture} – crews at work on the deck in May. Photo: Jane Roe"
    header = [BRIDGE_HEADLINE, "By Jane Doe | Harbour Daily", *SHARE, picture, caption]
    lines = [*NAV, *TEASERS, *header, *BRIDGE, *FOOTER]
    slug = slug_words("https://harbourdaily.example/news/harbour-bridge-repairs")
    context = HeadlineContext.of(Layout.of(lines), slug=slug)
    assert headline_features(context, lines.index(picture))["echoed"] == 0.0
    assert find_article(lines, slug=slug).title == BRIDGE_HEADLINE
