"""Plan: jobs (clinic x handout x language x variant), variants, draft reasons, personal jobs and schedules."""
