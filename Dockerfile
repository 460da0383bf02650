# Multi-stage build of one side of the ledger; the build context is the repository root:
#   docker build --build-arg SIDE=command --build-arg PORT=8080 -t ledger-command-side .
#   docker build --build-arg SIDE=query --build-arg PORT=8081 -t ledger-query-side .
ARG SIDE=command

FROM maven:3.9.9-eclipse-temurin-17 AS build
ARG SIDE
WORKDIR /src
COPY pom.xml ./
COPY shared-events shared-events
COPY command-side command-side
COPY query-side query-side
RUN mvn -B -ntp -DskipTests -pl ${SIDE}-side -am package \
 && java -Djarmode=tools -jar ${SIDE}-side/target/ledger-${SIDE}-side.jar extract --layers --launcher --destination /layers

# Layered: dependencies change rarely, the application often, so image layers are reused.
FROM eclipse-temurin:17.0.13_11-jre
ARG SIDE
ARG PORT=8080
RUN groupadd --system --gid 10001 ledger && useradd --system --uid 10001 --gid ledger --no-create-home ledger
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
COPY ${SIDE}-side/jvm.options ./
USER 10001:10001
# The services read their HTTP port from PORT; the health check follows it.
# The side's jvm.options says why its collector and why two malloc arenas.
ENV PORT=${PORT} MALLOC_ARENA_MAX=2 JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Daxoniq.update-checker.disabled=true"
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fs "http://localhost:${PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "@/app/jvm.options", "org.springframework.boot.loader.launch.JarLauncher"]
