"""The visit timeline's words: each step's label and time, and the picture said in words (its alt text).

Labels come from the translation's ui strings, the rest time from the clinic; render/timeline.py draws it.
"""
from __future__ import annotations

from handouts.load import translations as translation
from handouts.resolve.document import Step, Timeline


def steps(job) -> list[Step]:
    """Each step's label and time (empty when it has none), in visit order."""
    ui, policy = translation.ui(job), job.clinic.model.policy

    def word(key: str) -> str:
        return translation.word(ui, key)

    drip = (word("timeline_infusion_time").replace("{from}", str(policy.infusion_minutes_from))
            .replace("{to}", str(policy.infusion_minutes_to)))
    rest = word("minutes").replace("{minutes}", str(policy.observation_minutes))
    last = word("timeline_ride" if policy.ride_required else "timeline_home")
    return [Step(word("timeline_check_in"), ""), Step(word("timeline_infusion"), drip),
            Step(word("timeline_rest"), rest), Step(last, "")]


def alt_text(job) -> str:
    """The picture in words: "Timeline of your visit: Check in; Infusion, 40 to 60 minutes; ..." """
    parts = [f"{s.label}, {s.time}" if s.time else s.label for s in steps(job)]
    return f"{translation.word(translation.ui(job), 'timeline_alt')}: {'; '.join(parts)}."


def timeline(job) -> Timeline:
    return Timeline(tuple(steps(job)), alt_text(job), job.clinic.model.brand.primary_color)
