"""E-mail alerts: anyone may follow a committee or a measure by e-mail, with no account."""
