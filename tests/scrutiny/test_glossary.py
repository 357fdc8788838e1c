"""The glossary page, and the pages whose first use of a term links to its entry."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client

from scrutiny.glossary import SECTIONS, TERMS

# The terms issue 15 asks the glossary to explain, by key.
ASKED_FOR = [
    "ambition",
    "outcome",
    "target",
    "tolerance-band",
    "polarity",
    "status",
    "reported-in",
    "covers",
    "quarters",
    "direction-of-travel",
    "england",
    "region",
    "statistical-neighbours",
    "cipfa-neighbours",
    "rank",
    "quartile-band",
    "schedule-12a",
    "exempt",
    "substitute",
    "added-member",
]


def glossary_links(page: str) -> list[str]:
    return re.findall(r'class="govuk-link glossary-link" href="/help/#([a-z0-9-]+)"', page)


@pytest.mark.parametrize("key", ASKED_FOR)
def test_every_term_asked_for_has_an_entry_with_a_meaning_and_an_example(key: str) -> None:
    term = TERMS[key]
    assert term.name and term.meaning.endswith(".") and term.example.endswith(".")


def test_no_two_entries_share_a_key() -> None:
    keys = [term.key for section in SECTIONS for term in section.terms]
    assert len(keys) == len(set(keys)) == len(TERMS)


@pytest.mark.django_db
def test_the_help_page_has_an_anchor_for_every_entry_and_the_footer_links_to_it(
    client: Client,
) -> None:
    page = client.get("/help/").content.decode()
    for key, term in TERMS.items():
        assert f'id="{key}"' in page and f'href="#{key}"' in page
        assert term.example.replace("'", "&#x27;") in page.replace("’", "'")
    assert "Q1 is April to June" in page
    assert "43 to 47" in page  # the council's own tolerance band, for looked after children
    assert 'href="/help/"' in client.get("/accessibility/").content.decode()


def render(source: str) -> str:
    return Template("{% load glossary %}" + source).render(Context())


def test_a_term_links_to_its_entry_the_first_time_only() -> None:
    html = render(
        '{% term "tolerance-band" %}target range{% endterm %} and '
        '{% term "tolerance-band" %}band{% endterm %}, {% term "rank" %}rank{% endterm %}'
    )
    assert glossary_links(html) == ["tolerance-band", "rank"]
    link = '<a class="govuk-link glossary-link" href="/help/#tolerance-band">target range</a>'
    assert link in html
    assert "and band," in html


def test_a_term_counts_its_uses_across_the_page_and_its_includes() -> None:
    source = '{% term "rank" %}rank{% endterm %}{% include template %}{% include template only %}'
    inner = Template('{% load glossary %} {% term "rank" %}ranked{% endterm %}')
    html = Template("{% load glossary %}" + source).render(Context({"template": inner}))
    assert glossary_links(html) == ["rank"]
    assert html.count("ranked") == 2


def test_each_page_links_afresh() -> None:
    template = Template('{% load glossary %}{% term "rank" %}rank{% endterm %}')
    assert glossary_links(template.render(Context())) == ["rank"]
    assert glossary_links(template.render(Context())) == ["rank"]


def test_a_term_not_in_the_glossary_is_refused_when_the_template_is_read() -> None:
    with pytest.raises(TemplateSyntaxError, match="'tolerence' is not in the glossary"):
        render('{% term "tolerence" %}tolerance{% endterm %}')


def test_the_words_inside_are_escaped_as_any_template_text() -> None:
    html = Template('{% load glossary %}{% term "rank" %}{{ words }}{% endterm %}').render(
        Context({"words": "<b>rank</b>"})
    )
    assert "&lt;b&gt;rank&lt;/b&gt;" in html


@pytest.mark.django_db
def test_the_demo_dashboard_links_its_terms_to_the_glossary_once_each(client: Client, demo) -> None:
    links = glossary_links(client.get("/").content.decode())
    assert {"status", "quarters"} <= set(links)
    assert len(links) == len(set(links))


@pytest.mark.django_db
def test_the_demo_measure_page_links_its_terms_to_the_glossary_once_each(
    client: Client, demo
) -> None:
    page = client.get("/measures/LAC-RATE/", {"period": "2017/18 Q1"}).content.decode()
    links = glossary_links(page)
    assert {"polarity", "status", "target", "tolerance-band", "direction-of-travel"} <= set(links)
    assert len(links) == len(set(links))


@pytest.mark.django_db
def test_the_meeting_page_explains_a_withheld_paper(client: Client, exempt_meeting) -> None:
    page = client.get(exempt_meeting.get_absolute_url()).content.decode()
    assert "Schedule 12A to the Local Government Act 1972</strong> " in page
    assert glossary_links(page) == ["exempt"]


@pytest.mark.django_db
def test_the_benchmarks_explorer_links_its_comparison_terms(client: Client) -> None:
    links = glossary_links(client.get("/benchmarks/").content.decode())
    assert links == ["england", "region", "statistical-neighbours", "rank", "quartile-band"]
