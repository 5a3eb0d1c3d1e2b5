"""Jeugdbot: a Telegram assistant for the youth specialist of a Dutch GP practice."""

import os

# Opt in now to PTB's coming timedelta durations (RetryAfter.retry_after and friends); without it
# every 429 raises a deprecation warning, and our tests treat warnings as errors.
os.environ.setdefault("PTB_TIMEDELTA", "1")
