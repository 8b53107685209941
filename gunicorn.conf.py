"""gunicorn's settings for Glossa: `gunicorn -c gunicorn.conf.py config.wsgi`.

Each value can be changed from the environment (the README's Configuration table). Workers
are synchronous processes, one request each at a time: Glossa's views are CPU and database
work, so more workers than 2 per core only add memory and contention.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# A request that takes longer is a bug or an attack: the worker is replaced, the reader gets 502.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Longer than a load balancer's idle timeout (often 60 s), so the balancer closes first.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Replace each worker now and then, at a random point so they do not all restart at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "config.logs.GunicornJsonLogger"
# Behind a load balancer: trust its X-Forwarded-* headers (a comma-separated list of addresses).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
