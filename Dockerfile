# syntax=docker/dockerfile:1
# Two stages: Maven and a JDK only at build time; the runtime image carries a JRE, the jar and conf/.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# The pom alone first, so a source change reuses the downloaded-dependencies layer.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline || true
COPY src ./src
# -DskipTests still compiles the tests (their dependencies resolve); the tests themselves run in CI,
# where they can start Redis, not in an image build.
RUN mvn -B -DskipTests package

# eclipse-temurin rather than distroless: the pod's preStop hook runs `sleep`, which distroless lacks.
FROM eclipse-temurin:17-jre
# A named account for uid 10001, so the JVM gets a real user.home; it owns nothing in the image,
# so the running process cannot rewrite its own jar or config (and the pod mounts / read-only anyway).
RUN groupadd --system --gid 10001 gateway \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin gateway
WORKDIR /app
COPY --from=build /build/target/juspay-gateway.jar /app/juspay-gateway.jar
# Development defaults only (dev tenant, placeholder keys); Kubernetes mounts the real ones over env paths.
# The dev tenant's gateway key is public, so the gateway refuses to start with it unless the container
# runs with GATEWAY_ALLOW_DEV_KEY=true (`docker run -e GATEWAY_ALLOW_DEV_KEY=true ...` for a local try).
COPY conf/ /app/conf/
USER 10001
EXPOSE 8080 9090
ENTRYPOINT ["java","-jar","/app/juspay-gateway.jar"]
