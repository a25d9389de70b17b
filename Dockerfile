# Postroom container image: built with the Maven wrapper, run on a JRE 17 as a non-root user.
#   docker compose up -d        (see docker-compose.yml and .env.example)

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 postroom \
 && useradd --system --uid 10001 --gid postroom --home-dir /var/lib/postroom --shell /usr/sbin/nologin postroom \
 && mkdir -p /var/lib/postroom \
 && chown postroom:postroom /var/lib/postroom
COPY --from=build /src/server/target/postroom.jar /opt/postroom/postroom.jar
USER postroom
WORKDIR /var/lib/postroom
# Heap: the live set under load is ~50 MB and messages over 256 KiB wait on disk, so 384 MiB is
# headroom, not need; Serial GC keeps the footprint small on 1-4 cores at no measured CPU cost
# (docs/PERFORMANCE.md: JVM + embedded PostgreSQL stayed under 512 MiB in the benchmark).
ENV POSTROOM_DATA_DIR=/var/lib/postroom \
    JAVA_OPTS="-Xms64m -Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
# mail: 25 MX, 465 submission over TLS, 587 submission (STARTTLS), 110 POP3 (STLS), 995 POP3 over TLS;
# 80 console (redirects to HTTPS, ACME challenges) and 443 console and API over HTTPS in compose
# (8080 and 8443 by default). Ports below 1024 are opened by the non-root user thanks to the compose
# file's sysctl net.ipv4.ip_unprivileged_port_start=0 (no capabilities needed).
EXPOSE 25 465 587 110 995 80 443 8080 8443
VOLUME ["/var/lib/postroom"]
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/postroom/postroom.jar \"$@\"", "postroom"]
