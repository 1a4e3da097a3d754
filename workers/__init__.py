"""Wirestream: a streaming ingestion worker for news articles on Apache Kafka and Faust."""
