"""The alerts app: e-mail alerts about committees and measures (it reads both apps)."""

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Subscribers, their alerts, and the receivers that send them."""

    name = "scrutiny.alerts"
    label = "alerts"
    verbose_name = "E-mail alerts"

    def ready(self) -> None:
        from measures.pages.extensions import register_measure_section
        from scrutiny.alerts import receivers
        from scrutiny.alerts.sections import alerts_section
        from scrutiny.alerts.topics import register_builtin_topics

        register_builtin_topics()
        receivers.connect()
        register_measure_section("alerts", alerts_section)
