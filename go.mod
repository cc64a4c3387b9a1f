module github.com/nexus-graph/nexus

go 1.26.8

require (
	github.com/mattn/go-isatty v0.0.20
	github.com/neo4j/neo4j-go-driver/v5 v5.28.4
	github.com/spf13/cobra v1.10.2
	github.com/spf13/pflag v1.0.9
	golang.org/x/text v0.34.0
)

require (
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	golang.org/x/sys v0.41.0 // indirect
)
