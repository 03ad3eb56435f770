"""Building articles to files: plan a batch once, run it on any executor, build incrementally.

- :mod:`~ketadoc.build.sources` finds the article sources in files and folders;
- :mod:`~ketadoc.build.plan` checks formats and options once and reads each source once;
- :mod:`~ketadoc.build.worker` builds one source: validate, render every format, write;
- :mod:`~ketadoc.build.state` remembers what each output was made from;
- :mod:`~ketadoc.build.batch` runs a batch through :mod:`ketadoc.parallel`.
"""

from ketadoc.build.batch import ProgressCallback, build_many
from ketadoc.build.plan import PlannedSource, Target, plan_sources, plan_targets
from ketadoc.build.sources import discover_sources
from ketadoc.build.worker import BuildResult, SourceTask, build_source
from ketadoc.parallel import default_jobs

__all__ = [
    "BuildResult",
    "PlannedSource",
    "ProgressCallback",
    "SourceTask",
    "Target",
    "build_many",
    "build_source",
    "default_jobs",
    "discover_sources",
    "plan_sources",
    "plan_targets",
]
