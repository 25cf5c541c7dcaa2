# syntax=docker/dockerfile:1
# Build stage: compile the release binary with bundled SQLite and libpq.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked -p greenlight \
    && cp target/release/greenlight /usr/local/bin/greenlight

# Runtime stage: a slim image with the binary, running as an unprivileged user.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl libssl3 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/greenlight --create-home greenlight
COPY --from=build /usr/local/bin/greenlight /usr/local/bin/greenlight
USER greenlight
WORKDIR /var/lib/greenlight
ENV GREENLIGHT_BIND=0.0.0.0:8080 \
    GREENLIGHT_DATA_DIR=/var/lib/greenlight/data \
    DATABASE_URL=/var/lib/greenlight/data/greenlight.db \
    LOG_FORMAT=json
VOLUME ["/var/lib/greenlight/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["greenlight"]
CMD ["serve"]
