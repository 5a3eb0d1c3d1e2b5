"""Work the scheduler wakes: reminders, the specialist's notices and the daily agenda."""
