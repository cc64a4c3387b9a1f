# Multi-stage build: the viewer with Node, the binary with Go, a small runtime.
FROM node:20-bookworm-slim AS ui
WORKDIR /src/ui
COPY ui/package.json ui/package-lock.json ./
RUN npm ci
COPY ui/ ./
RUN npm run build

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=ui /src/ui/dist ./ui/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/nexus ./cmd/nexus

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=build /out/nexus /app/nexus
COPY seeds/ /app/seeds/
EXPOSE 8080
ENTRYPOINT ["/app/nexus"]
CMD ["serve"]
