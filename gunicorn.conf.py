"""gunicorn's settings for scrutiny: `gunicorn -c gunicorn.conf.py scrutiny.wsgi`.

Each value can be changed by an environment variable (the README's "Running in production")
or on the command line, which wins over this file.
"""

import multiprocessing
import os

# Behind the proxy on the same machine; the proxy terminates TLS.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, one request each: pages are CPU-bound Python and the cache serves most.
# WEB_CONCURRENCY is gunicorn's usual variable; 2 per core plus 1, at most 8.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
worker_class = "sync"
# The slowest page (a measure page with 40 quarters under load) takes about a second; packs
# are built by the worker, not in a request. A request past this is killed and logged.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Waiting for the next request on a kept-alive connection from the proxy.
keepalive = 5
# Replace each worker after about a thousand requests, so slow growth in memory (pandas,
# plotly) never builds up; the jitter keeps them from restarting together.
max_requests = 1000
max_requests_jitter = 100
# Only the proxy's X-Forwarded-* headers are believed (the same machine by default).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Worker heartbeats in memory, not on a disk that may be slow.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn 24 and later open a control socket under HOME: not wanted with several instances
# on one machine, nor with systemd's read-only home (older versions ignore the setting).
control_socket_disable = True
