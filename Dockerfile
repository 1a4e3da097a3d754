# The Wirestream worker image: the package with its pinned dependencies and the spaCy model.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY workers ./workers
RUN pip install -c constraints.txt ".[rocksdb]"
COPY schemas ./schemas
COPY seeds ./seeds
RUN useradd --create-home wirestream && mkdir -p /data && chown wirestream /data
USER wirestream
ENV WIRESTREAM_DATA_DIR=/data
EXPOSE 6066
ENTRYPOINT ["wirestream"]
CMD ["worker"]
