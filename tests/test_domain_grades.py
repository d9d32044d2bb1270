"""Grades and judgement areas across frameworks (domain/grades.toml)."""

from assistant.domain.grades import grade_rank, normalise_area, normalise_grade, scheme


def test_sif_and_ilacs_names_map_to_one_scheme_with_grades_in_order():
    assert [g.name for g in scheme().grades] == ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]
    assert normalise_grade("requires improvement") == normalise_grade("Requires improvement to be good")
    assert (
        grade_rank("Outstanding") < grade_rank("Good") < grade_rank("Requires improvement") < grade_rank("Inadequate")
    )
    assert normalise_grade("Adequate") == ""
    # SIF (2013-2017) names -> the ILACS (2018-) names of the same areas.
    assert normalise_area("3. Leadership, management and governance") == normalise_area(
        "The impact of leaders on social work practice with children and families"
    )
    assert normalise_area("1. Children who need help and protection") == (
        "The experiences and progress of children who need help and protection"
    )
    assert normalise_area("2. Children looked after and achieving permanence") == (
        "The experiences and progress of children in care"
    )
    assert (
        normalise_area("2.2 Experiences and progress of care leavers") == "The experiences and progress of care leavers"
    )
    assert normalise_area("Overall effectiveness") == "Overall effectiveness"
    assert normalise_area("Quality of lunches") == ""


def test_every_area_a_question_names_in_order_the_joint_one_whole():
    from assistant.domain.grades import areas_named, judgements_for
    from assistant.types import Judgement

    assert areas_named("grades overall and for children in care and care leavers?") == (
        "overall",
        "children_in_care_and_care_leavers",
    )
    assert areas_named("leadership, adoption and care leavers") == ("leadership", "adoption", "care_leavers")
    assert areas_named("how is it doing?") == ()
    apart = [
        Judgement("The experiences and progress of children in care", "Good"),
        Judgement("The experiences and progress of care leavers", "Outstanding"),
    ]
    assert [j.grade for j in judgements_for(apart, "children_in_care_and_care_leavers")] == ["Good", "Outstanding"]
    joint = [Judgement("The experiences and progress of children in care and care leavers", "Good")]
    assert judgements_for(joint, "care_leavers") == joint
