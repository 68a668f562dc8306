# An agent image: Claude Code plus the failover kit. Build from the repository root:
#   docker build -f agent-kit/claude-code.Dockerfile -t ghcr.io/example/claude-code-agent:1.0 .
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl git \
 && rm -rf /var/lib/apt/lists/* \
 && npm install -g @anthropic-ai/claude-code \
 && npm cache clean --force
COPY agent-kit/failover-report agent-kit/failover-claude /usr/local/bin/
RUN chmod 0755 /usr/local/bin/failover-report /usr/local/bin/failover-claude
# node:20 images carry an unprivileged "node" user (uid 1000) with a home for Claude Code's settings
USER 1000:1000
WORKDIR /home/node
