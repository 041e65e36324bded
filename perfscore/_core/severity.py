"""The two words the diagnostics and their catalogue share: a message's language and its severity.

They live apart so that the catalogue (:mod:`perfscore._text.catalogue`) and the
diagnostics that render its messages (:mod:`perfscore._core.diagnostics`) both import
them, and neither imports the other in a circle.
"""

from __future__ import annotations

import enum
from typing import Literal

Lang = Literal["en", "zh"]


class Severity(enum.Enum):
    """How bad a diagnostic is: errors stop a load, warnings travel with the result."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
