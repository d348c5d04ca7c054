# The Enlace platform image, built from these sources by the Maven reactor in a first stage:
#   docker compose build            (or: docker build -t enlace-platform:local .)
# needs nothing on the host but Docker; the build stage downloads Maven and the dependencies from Maven Central.
# A BuildKit cache keeps ~/.m2 between builds, so a rebuild after a code change does not download them again.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Only what the reactor reads: the wrapper, the parent pom, the Avro contracts and every module's sources
# (Maven loads every <module> of the parent pom, even with -pl). .dockerignore keeps target/ and data out.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY schemas schemas
COPY modules modules
COPY examples examples
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q package -Dmaven.test.skip=true -pl modules/platform -am \
 && cp modules/platform/target/enlace-platform.jar /enlace-platform.jar

FROM eclipse-temurin:17-jre
# curl for the compose health checks (GET /health).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/enlace enlace \
 && mkdir -p /opt/enlace /var/lib/enlace \
 && chown enlace /var/lib/enlace

COPY --from=build /enlace-platform.jar /opt/enlace/enlace-platform.jar

USER enlace
WORKDIR /var/lib/enlace
VOLUME /var/lib/enlace
EXPOSE 8080 8081

# Avro reads Enlace's generated classes only from trusted packages (as the ./enlace launcher sets).
ENTRYPOINT ["java", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=gt.enlace", "-jar", "/opt/enlace/enlace-platform.jar"]
# Web roles against an existing cluster; docker-compose.yml passes its own command.
CMD ["up", "--roles", "gateway,survey", "--bootstrap-servers", "kafka-1:9092,kafka-2:9092,kafka-3:9092", \
     "--registry-url", "http://registry:8081", "--bind", "0.0.0.0", "--data-dir", "/var/lib/enlace"]
