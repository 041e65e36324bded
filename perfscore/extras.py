"""Optional dependencies, imported only when a feature needs them.

perfscore depends on attrs, PyYAML and tabulate alone. Excel files need openpyxl
(``perfscore[excel]``) and data frames need pandas (``perfscore[pandas]``); they are
imported at the moment they are used, and their absence is a clear ``EXTRA_MISSING``
usage error naming the extra to install, never an ``ImportError`` from deep inside.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from perfscore._core.diagnostics import UsageError, diagnostic


def require(module: str, *, extra: str, feature: str) -> ModuleType:
    """Import ``module``; raise ``EXTRA_MISSING`` naming ``perfscore[extra]`` when it is absent."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        package = module.split(".", 1)[0]
        raise UsageError([diagnostic("EXTRA_MISSING", feature=feature, package=package, extra=extra)]) from err
