"""Log records as JSON lines (LOG_FORMAT=json), one object a line, for log collectors."""

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry |= {"method": request.method, "path": request.path}
        if getattr(record, "status_code", None):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _gunicorn_logger():
    from gunicorn.glogging import Logger

    class GunicornJsonLogger(Logger):
        """gunicorn's access log as JSON lines: one request a line, its fields escaped."""

        def access(self, resp, req, environ, request_time) -> None:
            if not self.access_log_enabled:
                return
            entry = {
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "remote": environ.get("REMOTE_ADDR", ""),
                "method": environ.get("REQUEST_METHOD", ""),
                "path": environ.get("PATH_INFO", ""),
                "query": environ.get("QUERY_STRING", ""),
                "status": int(str(resp.status).split()[0]),
                "bytes": getattr(resp, "sent", None),
                "ms": round(request_time.total_seconds() * 1000, 2),
                "agent": environ.get("HTTP_USER_AGENT", ""),
            }
            self.access_log.info(json.dumps(entry, ensure_ascii=False))

    return GunicornJsonLogger


def __getattr__(name: str):
    # gunicorn is imported only by the server that uses it, not by manage.py or the tests.
    if name == "GunicornJsonLogger":
        return _gunicorn_logger()
    raise AttributeError(name)
