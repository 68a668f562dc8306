# An agent image: Claude Code plus the failover kit. Build from the repository root:
#   docker build -f agent-kit/claude-code.Dockerfile -t ghcr.io/example/claude-code-agent:1.0 .
# Claude Code 2.1.332 is the version the kit's tests run (agent-kit/test-cli/package.json): to adopt a
# newer one, change both pins and pass the same tests.
FROM node:22-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl git \
 && rm -rf /var/lib/apt/lists/* \
 && npm install -g --no-audit --no-fund @anthropic-ai/claude-code@2.1.332 \
 && npm cache clean --force
COPY agent-kit/failover-report agent-kit/failover-claude agent-kit/failover-tier /usr/local/bin/
RUN chmod 0755 /usr/local/bin/failover-report /usr/local/bin/failover-claude /usr/local/bin/failover-tier
# No telemetry, error reports, update checks or other traffic besides the provider's API
ENV CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
# failover-claude bounds Claude Code's own retries unless these are set: CLAUDE_CODE_MAX_RETRIES=2, and
# FAILOVER_CLAUDE_RETRY_BUDGET=8 (seconds from the first failing answer before it stops a longer wait),
# so a failure reaches the operator within 10 s of the provider's first failing answer.
# node images carry an unprivileged "node" user (uid 1000) with a home for Claude Code's settings
USER 1000:1000
WORKDIR /home/node
