"""Building articles to files: plan a batch once, run it on any executor, build incrementally.

- :mod:`~ketadoc.build.sources` finds the article sources in files and folders;
- :mod:`~ketadoc.build.plan` checks formats and options once and reads each source once;
- :mod:`~ketadoc.build.worker` builds one source: validate, render every format (in one
  process or several), write;
- :mod:`~ketadoc.build.state` remembers what each output was made from;
- :mod:`~ketadoc.build.batch` runs a batch through :mod:`ketadoc.parallel`;
- :mod:`~ketadoc.build.session` keeps a warm :class:`Worker` for edit-and-rebuild, rendering
  a source's formats on one or two processes.
"""

from typing import TYPE_CHECKING

from ketadoc._lazy import lazy_names as _lazy_names

if TYPE_CHECKING:
    from ketadoc.build.batch import ProgressCallback, build_many
    from ketadoc.build.plan import PlannedSource, Target, plan_sources, plan_targets
    from ketadoc.build.session import Worker
    from ketadoc.build.sources import discover_sources
    from ketadoc.build.worker import BuildResult, SourceTask, build_source
    from ketadoc.parallel import default_jobs

# Finding sources (``ketadoc validate``) must not pull in the exporters and process
# pools, so each name is imported from its module on first use.
_PUBLIC = {
    "BuildResult": "ketadoc.build.worker",
    "PlannedSource": "ketadoc.build.plan",
    "ProgressCallback": "ketadoc.build.batch",
    "SourceTask": "ketadoc.build.worker",
    "Target": "ketadoc.build.plan",
    "Worker": "ketadoc.build.session",
    "build_many": "ketadoc.build.batch",
    "build_source": "ketadoc.build.worker",
    "default_jobs": "ketadoc.parallel",
    "discover_sources": "ketadoc.build.sources",
    "plan_sources": "ketadoc.build.plan",
    "plan_targets": "ketadoc.build.plan",
}


__getattr__ = _lazy_names(__name__, _PUBLIC)


__all__ = [
    "BuildResult",
    "PlannedSource",
    "ProgressCallback",
    "SourceTask",
    "Target",
    "Worker",
    "build_many",
    "build_source",
    "default_jobs",
    "discover_sources",
    "plan_sources",
    "plan_targets",
]
