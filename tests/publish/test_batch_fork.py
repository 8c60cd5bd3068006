"""Worker processes forked from a process that has rendered before must leave its fonts alone."""
from __future__ import annotations

from handouts import api, typeset
from handouts.plan.jobs import plan


def test_rendering_in_process_after_a_parallel_build(tmp_path):
    """The workers inherited the parent's FontConfiguration and removed its temp folder at exit: the next
    render in the parent failed with FileNotFoundError (/tmp/weasyprint-*/...)."""
    inputs = api.load_inputs(clinics=["example-clinic"])
    job = plan(inputs.content, inputs.clinics, ["aftercare"], ["en"], ["office"])[0]
    first = typeset.render_pdf(job)
    result = api.build(inputs, tmp_path, ["aftercare", "day-of-infusion"], ["en"], jobs=2)
    assert result.failed == [] and len(result.entries) == 2
    assert typeset.render_pdf(job) == first
