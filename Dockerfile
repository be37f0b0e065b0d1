# The coauthor-kg app (API + CLI). Used by docker-compose.yml next to Neo4j.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    COAUTHOR_KG_DATA_DIR=/data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY loaders ./loaders
COPY api ./api
COPY viz ./viz
COPY seeds ./seeds
COPY docker/entrypoint.sh /usr/local/bin/coauthor-kg-entrypoint
RUN pip install . && chmod +x /usr/local/bin/coauthor-kg-entrypoint \
    && useradd --create-home --uid 10001 app && mkdir -p /data && chown app /data
USER app

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=5 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health').status == 200 else 1)"
ENTRYPOINT ["coauthor-kg-entrypoint"]
CMD ["coauthor-kg", "serve", "--host", "0.0.0.0", "--port", "8000"]
