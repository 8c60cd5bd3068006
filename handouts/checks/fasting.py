"""Fasting times shorter than the published guidance: a warning, not a failure (the clinic may have reasons,
but its medical director should decide it knowingly). A current approval of the clinic's values is that decision."""
from __future__ import annotations

from handouts.errors import Problem
from handouts.plan import review

# ASA practice guidelines for preoperative fasting: 6 hours after a light meal, 2 hours after clear liquids.
ASA_FOOD_HOURS = 6
ASA_CLEAR_LIQUID_HOURS = 2
GUIDANCE = "the ASA preoperative fasting guidance"


def fasting_below_guidance(inputs) -> list[Problem]:
    lines = []
    for clinic in inputs.clinics:
        if not review.approval_reasons(clinic.model, inputs.content.model):
            continue  # the medical director approved these very values: the confirmation the warning asks for
        policy = clinic.model.policy
        if policy.fasting_hours and policy.fasting_hours < ASA_FOOD_HOURS:
            lines.append(clinic.doc.problem(("policy", "fasting_hours"), (
                f"{policy.fasting_hours} hours of fasting is less than the {ASA_FOOD_HOURS} hours after a light "
                f"meal of {GUIDANCE}; have your medical director confirm it")).as_warning())
        if policy.clear_liquids_until_hours and policy.clear_liquids_until_hours < ASA_CLEAR_LIQUID_HOURS:
            lines.append(clinic.doc.problem(("policy", "clear_liquids_until_hours"), (
                f"clear liquids until {policy.clear_liquids_until_hours} hour(s) before is less than the "
                f"{ASA_CLEAR_LIQUID_HOURS} hours of {GUIDANCE}; have your medical director confirm it")).as_warning())
    return lines
