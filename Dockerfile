# The Enlace platform jar in a JRE image. Builds nothing itself: run the reactor first
#   ./mvnw -q -B package -DskipTests
# which leaves modules/platform/target/enlace-platform.jar. Used by docker-compose.yml.
FROM eclipse-temurin:17-jre

# curl for the compose health checks (GET /health).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/enlace enlace \
 && mkdir -p /opt/enlace /var/lib/enlace \
 && chown enlace /var/lib/enlace

COPY modules/platform/target/enlace-platform.jar /opt/enlace/enlace-platform.jar

USER enlace
WORKDIR /var/lib/enlace
VOLUME /var/lib/enlace
EXPOSE 8080 8081

ENTRYPOINT ["java", "-jar", "/opt/enlace/enlace-platform.jar"]
# Web roles against an existing cluster; docker-compose.yml passes its own command.
CMD ["up", "--roles", "gateway,survey", "--bootstrap-servers", "kafka-1:9092,kafka-2:9092,kafka-3:9092", \
     "--registry-url", "http://registry:8081", "--bind", "0.0.0.0", "--data-dir", "/var/lib/enlace"]
