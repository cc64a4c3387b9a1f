package ui

import (
	"io/fs"
	"strings"
	"testing"
)

func TestAssetsServesIndex(t *testing.T) {
	b, err := fs.ReadFile(Assets(), "index.html")
	if err != nil {
		t.Fatalf("index.html: %v", err)
	}
	if Built() {
		if !strings.Contains(string(b), "<script") {
			t.Errorf("built index.html has no script tag")
		}
		return
	}
	if !strings.Contains(string(b), "npm run build") {
		t.Errorf("placeholder does not say how to build the UI: %s", b)
	}
}
