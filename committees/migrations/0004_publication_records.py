"""Publication recorded properly: who and when for agendas and minutes, withdrawals, each
paper's publication (supplements), and the papers each pack printed (so packs can be withdrawn).

The old `agenda_published` date becomes the start of that day in London; the papers of a
meeting whose agenda was published are taken as published with it; existing packs are taken
to have printed every paper of their meeting they were allowed to (the public ones: all but
the exempt papers).
"""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def carry_over_publication(apps, schema_editor):
    Meeting = apps.get_model("committees", "Meeting")
    Paper = apps.get_model("committees", "Paper")
    Pack = apps.get_model("committees", "Pack")
    london = ZoneInfo("Europe/London")
    for meeting in Meeting.objects.filter(agenda_published__isnull=False):
        when = datetime.combine(meeting.agenda_published, time(0, 0), tzinfo=london)
        meeting.agenda_published_at = when
        meeting.save(update_fields=["agenda_published_at"])
        Paper.objects.filter(item__meeting=meeting).update(published_at=when)
    for pack in Pack.objects.all():
        papers = Paper.objects.filter(item__meeting_id=pack.meeting_id)
        if pack.version == "public":
            papers = papers.filter(exempt_paragraph__isnull=True)
        pack.printed_papers.set(papers)


class Migration(migrations.Migration):

    dependencies = [
        ('committees', '0003_agenda_packs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='meeting',
            options={'ordering': ['-date', 'committee'], 'permissions': [('publish_meeting', 'Can publish and withdraw agendas and minutes'), ('view_unpublished_meeting', 'Can read agendas and minutes before they are published')]},
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='agenda_published_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='agenda published'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='agenda_published_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='agenda published by'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='minutes_published_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='minutes published'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='minutes_published_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='minutes published by'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='agenda_published_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='agenda published'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='agenda_published_by',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='agenda published by'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='minutes_published_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='minutes published'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='minutes_published_by',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='minutes published by'),
        ),
        migrations.AddField(
            model_name='pack',
            name='printed_papers',
            field=models.ManyToManyField(blank=True, help_text='The papers printed in it in full (not those replaced by a restricted page).', related_name='printed_in', to='committees.paper'),
        ),
        migrations.AddField(
            model_name='pack',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='pack',
            name='withdrawn_reason',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='paper',
            name='published_at',
            field=models.DateTimeField(editable=False, help_text='When this version was published: with the agenda, or later as a supplement.', null=True),
        ),
        migrations.CreateModel(
            name='Withdrawal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('what', models.CharField(choices=[('agenda', 'Agenda'), ('minutes', 'Minutes')], max_length=10)),
                ('published_at', models.DateTimeField(null=True)),
                ('withdrawn_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('reason', models.TextField()),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='withdrawals', to='committees.meeting')),
                ('published_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('withdrawn_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-withdrawn_at', '-pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('reason', ''), _negated=True), name='withdrawal_gives_a_reason', violation_error_message='Say why the publication is withdrawn.'), models.CheckConstraint(condition=models.Q(('what__in', ['agenda', 'minutes'])), name='withdrawal_of_agenda_or_minutes')],
            },
        ),
            migrations.RunPython(carry_over_publication, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='historicalmeeting',
            name='agenda_published',
        ),
        migrations.RemoveField(
            model_name='meeting',
            name='agenda_published',
        ),
    ]
