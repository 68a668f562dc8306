# An agent image: the OpenAI Codex CLI plus the failover kit. Build from the repository root:
#   docker build -f agent-kit/codex.Dockerfile -t ghcr.io/example/codex-agent:1.0 .
# Codex 0.171.0 is the version the kit's tests run (agent-kit/test-cli/package.json): to adopt a newer
# one, change both pins and pass the same tests.
FROM node:22-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl git \
 && rm -rf /var/lib/apt/lists/* \
 && npm install -g --no-audit --no-fund @openai/codex@0.171.0 \
 && npm cache clean --force \
 && mkdir -p /home/node/.codex && chown 1000:1000 /home/node/.codex
COPY agent-kit/failover-report agent-kit/failover-codex /usr/local/bin/
RUN chmod 0755 /usr/local/bin/failover-report /usr/local/bin/failover-codex
# failover-codex configures the tier's provider with no retries of Codex's own unless
# FAILOVER_CODEX_REQUEST_MAX_RETRIES / FAILOVER_CODEX_STREAM_MAX_RETRIES say otherwise, so a failure
# reaches the operator as soon as the provider answers it.
COPY --chown=1000:1000 agent-kit/codex-config.toml /home/node/.codex/config.toml
# node images carry an unprivileged "node" user (uid 1000) with a home for Codex's settings
USER 1000:1000
WORKDIR /home/node
