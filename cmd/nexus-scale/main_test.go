package main

import (
	"bytes"
	"github.com/nexus-graph/nexus/internal/localneo4j"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestStepEnds(t *testing.T) {
	tests := []struct {
		from, docs, every int
		want              []int
	}{
		{0, 3000, 1000, []int{1000, 2000, 3000}},
		{0, 2500, 1000, []int{1000, 2000, 2500}},
		{1000, 3000, 1000, []int{2000, 3000}},
		{3000, 3000, 1000, nil},
		{0, 500, 1000, []int{500}},
	}
	for _, tc := range tests {
		t.Run(strings.Join([]string{itoa(tc.from), itoa(tc.docs), itoa(tc.every)}, "/"), func(t *testing.T) {
			if got := stepEnds(tc.from, tc.docs, tc.every); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("stepEnds = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestParseMarks(t *testing.T) {
	tests := []struct {
		in      string
		docs    int
		want    []int
		wantErr bool
	}{
		{"1000,5000,20000,50000", 50000, []int{1000, 5000, 20000, 50000, 50000}, false},
		{"1000, 5000", 3000, []int{1000, 3000}, false},
		{"", 10, []int{10}, false},
		{"x", 10, nil, true},
		{"-5", 10, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseMarks(tc.in, tc.docs)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v", err)
			}
			if !tc.wantErr && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("parseMarks = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	var b bytes.Buffer
	summarize(&b, []row{
		{Docs: 1000, MsPerDoc: 10, DocsPerS: 100, RelsPerS: 4300},
		{Docs: 2000, MsPerDoc: 11, DocsPerS: 90, RelsPerS: 3900},
		{Docs: 2100, MsPerDoc: 50, DocsPerS: 20, RelsPerS: 800, Incremental: true},
	})
	if got := b.String(); !strings.Contains(got, "last/first 1.10") || !strings.Contains(got, "90.0 docs/s") {
		t.Errorf("summary %q", got)
	}
}

func TestCPUAndMemoryOfThisProcess(t *testing.T) {
	if localneo4j.RSS(0) != 0 || cpuOf(0) != 0 {
		t.Error("pid 0 should give 0")
	}
	if selfCPU() <= 0 {
		t.Error("selfCPU: no CPU time")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
