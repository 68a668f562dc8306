# The one image of both roles: the chart picks the role with the container's args
# (operator or dashboard). Build from the repository root:  docker build -t agent-failover:0.1.0 .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# a numeric, non-root user (the chart runs the pods as 10001 with a read-only root filesystem)
RUN groupadd --system --gid 10001 agentfailover \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin agentfailover \
 && mkdir -p /app /data \
 && chown 10001:10001 /data
COPY --from=build /src/app/target/agent-failover.jar /app/agent-failover.jar
# the agent kit, for init containers that copy it into agent images (docs/agent-integration.md)
COPY --chmod=0755 agent-kit/failover-report agent-kit/failover-claude agent-kit/failover-tier /agent-kit/
USER 10001:10001
WORKDIR /app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/app/agent-failover.jar"]
CMD ["--help"]
