"""The glossary: every term the service uses, in plain English, with the council's own example."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One entry of the glossary; its key is its anchor on the help page."""

    key: str
    name: str
    meaning: str
    example: str
    # Other words a reader may meet for the same thing, listed under the name.
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A heading of the help page and the terms under it."""

    heading: str
    terms: tuple[Term, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "Measures and their targets",
        (
            Term(
                "ambition",
                "Ambition",
                "One of the broad aims of the Council Business Plan. Each ambition has outcomes "
                "under it, and each outcome has measures.",
                "“Communities are safe and protected” is the ambition the looked after children "
                "measure sits under.",
            ),
            Term(
                "outcome",
                "Outcome",
                "What the council wants to be true for children and young people under an "
                "ambition. The dashboard and the report group measures by ambition and outcome, "
                "as the council's papers do.",
                "“Children are safe and healthy” is the outcome of the looked after children and "
                "child protection plan measures.",
            ),
            Term(
                "measure",
                "Measure",
                "A figure the council reports on regularly to show how it is doing, with a "
                "definition, a unit, a target and an officer responsible for it.",
                "“Looked after children”: the rate of children in the council's care per 10,000 "
                "children under 18.",
            ),
            Term(
                "target",
                "Target",
                "The figure the council aims for in a financial year, set once a year (sometimes "
                "for each quarter). A figure is rated against the target of the year it is "
                "reported in.",
                "The target for the average number of days to match a child to an adoptive "
                "family was 200 days in 2017/18.",
            ),
            Term(
                "tolerance-band",
                "Tolerance band",
                "The range around a target that the council accepts. A figure outside the target "
                "but inside the band is within tolerance; a figure outside the band is not "
                "achieved. It is always written as two numbers in the measure's own unit.",
                "For looked after children the 2017/18 target was 45 per 10,000 with a band of "
                "43 to 47, so 48.7 in June 2017 was not achieved.",
                also=("target range", "tolerance"),
            ),
            Term(
                "polarity",
                "Polarity (which way is better)",
                "Whether a higher or a lower figure is the better result, or whether being inside "
                "the target range is best. It decides a figure's status and its direction of "
                "travel.",
                "Higher is better for care leavers in suitable accommodation; lower is better "
                "for the days it takes to place a child for adoption; being within the target "
                "range is best for looked after children, where too many and too few both call "
                "for questions.",
                also=("higher is better", "lower is better", "on target is best"),
            ),
        ),
    ),
    Section(
        "Figures and their status",
        (
            Term(
                "status",
                "Status",
                "How a figure compares with its target and tolerance band, always written as a "
                "word and marked with a shape as well as a colour. Achieved: the target was met. "
                "Within tolerance: the target was missed but the figure is inside the band. Not "
                "achieved: the figure is outside the band. Exceeded (used by some councils): "
                "beyond the better end of the band. No data: the measure has a target but no "
                "figure has been reported yet. Not rated: the measure has no target, so its "
                "figure is shown without a status.",
                "In the Q1 2017/18 report, 363 child protection plans (target 340, band 320 to "
                "380) was Achieved; care leavers in suitable accommodation had no figure, so "
                "No data.",
                also=(
                    "RAG",
                    "Achieved",
                    "Within tolerance",
                    "Not achieved",
                    "Exceeded",
                    "No data",
                    "Not rated",
                ),
            ),
            Term(
                "reported-in",
                "Reported in",
                "The quarter in whose report a figure was published. Many figures arrive late, "
                "so the quarter a figure is reported in is often later than the period it "
                "covers.",
                "The first time entrants figure of 268 was reported in Q1 2017/18.",
            ),
            Term(
                "covers",
                "Covers",
                "The period the figure is about: a date (a snapshot at the quarter's end), the "
                "year to date, a rolling 12 months or an academic year.",
                "The first time entrants figure of 268, reported in Q1 2017/18, covers January "
                "to December 2016.",
                also=("period covered",),
            ),
            Term(
                "quarters",
                "Quarters and financial years",
                "The council works in financial years, from 1 April to 31 March: 2017/18 runs "
                "from 1 April 2017 to 31 March 2018. Q1 is April to June, Q2 July to September, "
                "Q3 October to December and Q4 January to March. Education figures often cover "
                "an academic year, September to August.",
                "Q1 2017/18 is April to June 2017; its report went to the committee in "
                "September 2017.",
                also=("Q1", "Q2", "Q3", "Q4", "financial year"),
            ),
            Term(
                "direction-of-travel",
                "Direction of travel",
                "Whether a figure got better or worse since the previous figure (and since the "
                "same quarter a year before), judged by the measure's polarity: an arrow up "
                "always means better, even when the number went down.",
                "Days to match a child to an adoptive family fell from 174 to 167: fewer days "
                "is better, so it is improving.",
                also=("Improving", "Worsening", "No change"),
            ),
        ),
    ),
    Section(
        "Comparing with other councils",
        (
            Term(
                "england",
                "England",
                "The figure for the whole of England, as the government publishes it.",
                "In 2016 there were 327 first time entrants to the youth justice system per "
                "100,000 young people aged 10 to 17 in England, against 431 in the county.",
                also=("national",),
            ),
            Term(
                "region",
                "Region",
                "The average or total for the council's region.",
                "Lincolnshire's region is the East Midlands; youth justice figures use a wider "
                "Midlands region (357 first time entrants per 100,000 in 2016).",
            ),
            Term(
                "statistical-neighbours",
                "Statistical neighbours",
                "The 10 councils most like this one, chosen by the Department for Education's "
                "model from figures such as population and deprivation.",
                "Lincolnshire's statistical neighbours in the 2025 model include Norfolk, "
                "Suffolk, Derbyshire and North Lincolnshire.",
                also=("SN",),
            ),
            Term(
                "cipfa-neighbours",
                "CIPFA nearest neighbours",
                "A group of 16 similar councils chosen by CIPFA (the Chartered Institute of "
                "Public Finance and Accountancy) from its own model. Papers sometimes name only "
                "some of them for a measure.",
                "The Q1 2017/18 report compared youth offending figures with nine of the "
                "council's 16 CIPFA neighbours: Cumbria, Derbyshire, Gloucestershire, Norfolk, "
                "Nottinghamshire, Somerset, Staffordshire, Suffolk and Warwickshire.",
                also=("CIPFA",),
            ),
            Term(
                "rank",
                "Rank",
                "The council's place among all English councils, where 1 is the best by the "
                "measure's polarity.",
                "A rank of 12th of 152 means 11 councils had a better figure.",
            ),
            Term(
                "quartile-band",
                "Quartile band",
                "Councils are put in order from best to worst and split into four equal groups: "
                "A is the best quarter, then B, C, and D the worst quarter.",
                "A council ranked 12th of 152 is in band A.",
                also=("quartile",),
            ),
        ),
    ),
    Section(
        "Committees and meetings",
        (
            Term(
                "schedule-12a",
                "Schedule 12A",
                "The part of the Local Government Act 1972 that lists the kinds of information a "
                "council may keep from the public, in seven paragraphs (for example paragraph "
                "3: anyone's financial or business affairs, including the council's).",
                "Appendix D of the 8 September 2017 meeting was exempt under paragraph 3 of "
                "Part 1 of Schedule 12A.",
            ),
            Term(
                "exempt",
                "Exempt information",
                "A paper or part of a paper that falls under Schedule 12A. Only the committee's "
                "members, substitutes at that meeting and authorised officers may read it; the "
                "public see that it exists and why it is withheld, and the committee votes to "
                "exclude the press and public before discussing it.",
                "The public see “Appendix D” and the paragraph it is exempt under, never its "
                "contents.",
            ),
            Term(
                "substitute",
                "Substitute",
                "A councillor who attends a meeting in place of a member of the committee who "
                "cannot come, with the same rights at that meeting.",
                "Every agenda opens with “Apologies for absence / replacement members”: who "
                "could not come, and who substituted for them.",
                also=("replacement member",),
            ),
            Term(
                "added-member",
                "Added member",
                "A member of the committee who is not a councillor: a church representative or "
                "a parent governor representative, who sits on the committee for education "
                "matters.",
                "The Children and Young People Scrutiny Committee has 11 councillors and 4 added "
                "members: two church representatives (Mr S C Rudman and Reverend Sue Evans) and "
                "two parent governor representatives.",
                also=("co-opted member",),
            ),
        ),
    ),
)

TERMS: dict[str, Term] = {term.key: term for section in SECTIONS for term in section.terms}
