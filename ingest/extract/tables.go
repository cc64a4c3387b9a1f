package extract

import (
	"strings"

	"github.com/nexus-graph/nexus/graph"
)

// Pipe tables ("| Supplier | Recipient | Item |" over a "|---|---|" line)
// carry relations in their columns rather than in verbs: the header says
// what each cell is. Each data row becomes a sentence of its own (the row is
// the evidence); the header and the separator are not prose.

// colRole is what a table column holds.
type colRole uint8

const (
	colNone       colRole = iota
	colSubject            // the row's entity: company, vessel, counterparty, name
	colSupplier           // supplier, seller, exporter, shipper
	colRecipient          // recipient, buyer, consignee, end user
	colItem               // item, goods, cargo, commodity
	colOwner              // owner, shareholder, controlled by
	colManager            // manager, operator
	colLeader             // director, chairman, CEO
	colParent             // parent company
	colSubsidiary         // subsidiaries
	colFlag               // flag (state)
	colPlace              // jurisdiction, country, registered in, location
	colSanctioner         // sanctioned by, designating authority
	colFinancer           // paid by, financed by, payer
	colPayee              // beneficiary, payee
)

// columnRoles maps header words to roles. A header is matched whole first,
// then by its last word ("registered owner" → owner).
var columnRoles = map[string]colRole{
	"company": colSubject, "entity": colSubject, "counterparty": colSubject, "name": colSubject, "subject": colSubject,
	"organisation": colSubject, "organization": colSubject, "vessel": colSubject, "ship": colSubject, "tanker": colSubject,
	"vessel name": colSubject, "individual": colSubject, "person": colSubject, "party": colSubject, "firm": colSubject,
	"supplier": colSupplier, "seller": colSupplier, "exporter": colSupplier, "shipper": colSupplier, "vendor": colSupplier,
	"supplied by": colSupplier, "sold by": colSupplier, "from": colSupplier, "source": colSupplier, "manufacturer": colSupplier,
	"recipient": colRecipient, "recipients": colRecipient, "buyers": colRecipient, "customers": colRecipient,
	"clients": colRecipient, "consignees": colRecipient, "suppliers": colSupplier, "sellers": colSupplier,
	"vessels": colSubject, "companies": colSubject, "entities": colSubject, "counterparties": colSubject,
	"buyer": colRecipient, "consignee": colRecipient, "end user": colRecipient,
	"end-user": colRecipient, "customer": colRecipient, "importer": colRecipient, "purchaser": colRecipient,
	"delivered to": colRecipient, "sold to": colRecipient, "to": colRecipient, "destination": colRecipient, "client": colRecipient,
	"item": colItem, "items": colItem, "goods": colItem, "cargo": colItem, "commodity": colItem, "product": colItem,
	"products": colItem, "equipment": colItem, "materiel": colItem, "description": colItem,
	"owner": colOwner, "owners": colOwner, "shareholder": colOwner, "shareholders": colOwner, "owned by": colOwner,
	"controlled by": colOwner, "ownership": colOwner, "ubo": colOwner, "controller": colOwner,
	"manager": colManager, "operator": colManager, "managed by": colManager, "operated by": colManager, "charterer": colManager,
	"director": colLeader, "directors": colLeader, "ceo": colLeader, "chairman": colLeader, "head": colLeader,
	"general director": colLeader, "managing director": colLeader, "president": colLeader, "leader": colLeader,
	"parent": colParent, "parent company": colParent, "part of": colParent, "subsidiary of": colParent,
	"subsidiaries": colSubsidiary, "subsidiary": colSubsidiary,
	"flag": colFlag, "flag state": colFlag,
	"jurisdiction": colPlace, "country": colPlace, "registered in": colPlace, "incorporated in": colPlace,
	"location": colPlace, "based in": colPlace, "registration": colPlace, "domicile": colPlace, "city": colPlace,
	"country of registration": colPlace, "country or region": colPlace, "country/region": colPlace, "state": colPlace, "place of incorporation": colPlace, "seat": colPlace, "headquarters": colPlace,
	"address": colPlace, "registered address": colPlace,
	"sanctions": colSanctioner, "sanctions status": colSanctioner, "designations": colSanctioner, "listed": colSanctioner,
	"sanctioned by": colSanctioner, "designated by": colSanctioner, "designating authority": colSanctioner,
	"listed by": colSanctioner, "sanctioning authority": colSanctioner,
	"paid by": colFinancer, "financed by": colFinancer, "funded by": colFinancer, "payer": colFinancer,
	"remitter": colFinancer, "originator": colFinancer, "ordering party": colFinancer,
	"beneficiary": colPayee, "payee": colPayee, "paid to": colPayee,
}

// roleOfHeader returns the role of a lower-cased header cell.
func roleOfHeader(h string) colRole {
	h = strings.Trim(h, " *_`:")
	if r, ok := columnRoles[h]; ok {
		return r
	}
	// "(registered) owner", "ship manager", "vessel (IMO)"
	if i := strings.IndexAny(h, "(/"); i > 0 {
		if r, ok := columnRoles[strings.TrimSpace(h[:i])]; ok {
			return r
		}
	}
	fs := strings.Fields(h)
	if len(fs) > 1 {
		if r, ok := columnRoles[fs[len(fs)-1]]; ok && r != colSubject {
			return r
		}
		if r, ok := columnRoles[fs[0]]; ok && r == colSubject {
			return r
		}
	}
	return colNone
}

// pipeCells splits a table row into trimmed cells, or returns nil when the
// line is not a row (fewer than two pipes).
func pipeCells(line string) []string {
	t := strings.TrimSpace(line)
	if strings.Count(t, "|") < 2 {
		return nil
	}
	t = strings.TrimPrefix(t, "|")
	t = strings.TrimSuffix(t, "|")
	cells := strings.Split(t, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// pipeSeparator reports a header separator line: "|---|:--:|".
func pipeSeparator(line string) bool {
	cells := pipeCells(line)
	if len(cells) == 0 {
		return false
	}
	for _, c := range cells {
		c = strings.Trim(c, ":")
		if len(c) < 1 || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
}

// pipeHeader reports whether line is the header of a pipe table whose next
// line is next: a separator follows it, or (plain-text tables) at least two
// of its cells, and half of them, name known column roles and the next line
// has as many cells.
func pipeHeader(line, next string) bool {
	cells := pipeCells(line)
	if cells == nil || pipeSeparator(line) {
		return false
	}
	if pipeSeparator(next) {
		return true
	}
	known, numbering := 0, 0
	for _, c := range cells {
		switch low := strings.ToLower(strings.Trim(c, " *_`:.")); {
		case roleOfHeader(low) != colNone:
			known++
		case low == "no" || low == "#" || low == "ref" || low == "entry" || low == "item no":
			numbering++ // a running number says nothing of the columns
		}
	}
	return known >= 2 && 2*known >= len(cells)-numbering && len(pipeCells(next)) == len(cells)
}

// headerChrome reports a table header line that is not itself a row of
// data (a field table's header may be its first field).
func headerChrome(line, next string) bool {
	if !pipeHeader(line, next) {
		return false
	}
	_, headerIsRow := kvTable(pipeCells(line))
	return !headerIsRow
}

// tableRow is one data row of a pipe table: the rune offset of the row's
// first pipe and the roles of its columns.
type tableRow struct {
	roles []colRole
	// kv: a two-column table of fields ("| Registered owner | X |"): the
	// first cell labels the second, about the table's subject
	kv bool
}

// kvLabelHeads and kvValueHeads head the two columns of a field table.
var kvLabelHeads = map[string]bool{"field": true, "attribute": true, "key": true, "particular": true, "particulars": true,
	"category": true, "detail": true, "item": true, "parameter": true, "data point": true, "property": true, "": true}
var kvValueHeads = map[string]bool{"value": true, "detail": true, "details": true, "finding": true, "findings": true,
	"information": true, "result": true, "data": true, "entry": true, "description": true, "": true}

// kvTable reports a field table by its header cells: "| Field | Value |",
// or a header that is itself a field ("| Name | Kestrel LLC |"; then
// headerIsRow).
func kvTable(head []string) (kv, headerIsRow bool) {
	if len(head) != 2 {
		return false, false
	}
	h0, h1 := strings.ToLower(strings.Trim(head[0], " *_`:")), strings.ToLower(strings.Trim(head[1], " *_`:"))
	if kvLabelHeads[h0] && kvValueHeads[h1] {
		return true, false
	}
	if r := roleOfHeader(h0); r != colNone && r != colItem && roleOfHeader(h1) == colNone && nameLike(head[1]) {
		return true, true
	}
	return false, false
}

// docLines splits a document into lines with their rune offsets.
func docLines(nr []rune) (lines []string, starts []int) {
	s := 0
	for i := 0; i <= len(nr); i++ {
		if i == len(nr) || nr[i] == '\n' {
			lines = append(lines, string(nr[s:i]))
			starts = append(starts, s)
			s = i + 1
		}
	}
	return lines, starts
}

// pipeTables finds the data rows of pipe tables (keyed by the rune offset of
// the row's first pipe), the lines that are table chrome (headers and
// separators, by line index) and the entity type the header gives the
// names in each typed column (lower-cased name → type).
func pipeTables(lines []string, lineStarts []int) (rows map[int]tableRow, chrome map[int]bool, types map[string]graph.EntityType) {
	for i := 0; i+1 < len(lines); i++ {
		head := pipeCells(lines[i])
		if head == nil || !pipeHeader(lines[i], lines[i+1]) {
			continue
		}
		if chrome == nil {
			chrome, rows = map[int]bool{}, map[int]tableRow{}
		}
		kv, headerIsRow := kvTable(head)
		chrome[i] = !headerIsRow
		j := i + 1
		if pipeSeparator(lines[i+1]) {
			chrome[i+1] = true
			j++
		}
		roles := make([]colRole, len(head))
		for k, h := range head {
			roles[k] = roleOfHeader(strings.ToLower(h))
		}
		addType := func(header, cell string) {
			// "KESTREL DAWN (ex AMBER SKY)", "Orion (IMO 9304514)": an
			// aside after the name is not part of it
			if k := strings.Index(cell, " ("); k > 0 && strings.HasSuffix(cell, ")") {
				cell = cell[:k]
			}
			if ty := cellType(roleOfHeader(strings.ToLower(header)), strings.ToLower(header)); ty != "" && nameLike(cell) {
				if types == nil {
					types = map[string]graph.EntityType{}
				}
				types[strings.ToLower(cell)] = ty
			}
		}
		if headerIsRow {
			lead := len(lines[i]) - len(strings.TrimLeft(lines[i], " \t"))
			rows[lineStarts[i]+lead] = tableRow{roles: roles, kv: true}
			addType(head[0], head[1])
		}
		for ; j < len(lines); j++ {
			cells := pipeCells(lines[j])
			if cells == nil {
				break
			}
			lead := len(lines[j]) - len(strings.TrimLeft(lines[j], " \t"))
			rows[lineStarts[j]+lead] = tableRow{roles: roles, kv: kv}
			if kv {
				if len(cells) == 2 {
					addType(cells[0], cells[1])
				}
				continue
			}
			for k, c := range cells {
				if k < len(roles) && c != "" {
					addType(head[k], c)
				}
			}
		}
		i = j - 1
	}
	return rows, chrome, types
}

// cellType is the entity type a column gives a name in it, or "" when the
// name's own cues must decide (owners may be people or companies).
func cellType(r colRole, header string) graph.EntityType {
	switch r {
	case colSubject:
		switch {
		case strings.Contains(header, "vessel") || strings.Contains(header, "ship") || strings.Contains(header, "tanker"):
			return graph.Vessel
		case strings.Contains(header, "individual") || strings.Contains(header, "person"):
			return graph.Person
		case strings.Contains(header, "name") || strings.Contains(header, "subject") || strings.Contains(header, "party"):
			return ""
		}
		return graph.Organization
	case colSupplier, colRecipient, colParent, colSubsidiary, colManager:
		return graph.Organization
	case colLeader:
		return graph.Person
	}
	return ""
}

// nameLike: a cell that is a name, not a sentence or a number: it starts
// with a capital and has at most six words.
func nameLike(c string) bool {
	r := []rune(c)
	return len(r) > 1 && r[0] >= 'A' && r[0] <= 'Z' && len(strings.Fields(c)) <= 6 && !strings.ContainsAny(c, ".;")
}

// tableRule reads a data row of a pipe table: the cells' names take the
// relations their columns' headers give them.
func (c *sctx) tableRule() {
	if len(c.toks) == 0 {
		return
	}
	row, ok := c.d.tableRows[c.toks[0].start]
	if !ok {
		return
	}
	// the entities of each cell, in column order
	cells := make([][]int, len(row.roles))
	texts := make([]string, len(row.roles))
	col := 0 // "a | b | c": a row need not open with a pipe
	if len(c.units) > 0 && c.units[0].low == "|" {
		col = -1
	}
	for i, u := range c.units {
		if u.low == "|" {
			col++
			continue
		}
		if col < 0 || col >= len(cells) {
			continue
		}
		if u.tag == uM {
			cells[col] = append(cells[col], i)
		}
		if texts[col] != "" {
			texts[col] += " "
		}
		texts[col] += c.d.surface(c.toks, u.s, u.e)
	}
	if row.kv {
		c.fieldRow(cells, texts)
		return
	}
	first := func(r colRole) []int {
		for k, role := range row.roles {
			if role == r && len(cells[k]) > 0 {
				return cells[k]
			}
		}
		return nil
	}
	var items []string
	for k, role := range row.roles {
		if role == colItem && texts[k] != "" {
			items = append(items, strings.ToLower(texts[k]))
		}
	}
	subj := first(colSubject)
	subjName, subjType := "", graph.EntityType("")
	if len(subj) > 0 {
		subjName, subjType = c.name(subj[0])
		c.cellFields(subjName, subjType)
	}
	emit := func(typ graph.RelationType, sT, tT map[graph.EntityType]bool, a, b int, rule string, its []string) {
		an, at := c.name(a)
		bn, bt := c.name(b)
		c.emitNames(typ, sT, tT, an, at, bn, bt, -1, 0.7, "table:"+rule, its)
	}
	emitSubj := func(typ graph.RelationType, sT, tT map[graph.EntityType]bool, h int, subjIsSource bool, rule string) {
		if subjName == "" {
			return
		}
		n, t := c.name(h)
		if subjIsSource {
			c.emitNames(typ, sT, tT, subjName, subjType, n, t, -1, 0.7, "table:"+rule, nil)
		} else {
			c.emitNames(typ, sT, tT, n, t, subjName, subjType, -1, 0.7, "table:"+rule, nil)
		}
	}
	actors := map[graph.EntityType]bool{graph.Country: true, graph.Organization: true, graph.Person: true}
	supplyTgt := map[graph.EntityType]bool{graph.Country: true, graph.Organization: true, graph.Person: true, graph.Location: true}
	suppliers, recipients := first(colSupplier), first(colRecipient)
	switch {
	case len(suppliers) > 0 && len(recipients) > 0:
		for _, s := range suppliers {
			for _, r := range recipients {
				emit(graph.Supplies, actors, supplyTgt, s, r, "supplier-recipient", items)
			}
		}
	case len(suppliers) > 0:
		for _, s := range suppliers {
			emitSubj(graph.Supplies, actors, supplyTgt, s, false, "supplier")
		}
	case len(recipients) > 0:
		for _, r := range recipients {
			emitSubj(graph.Supplies, actors, supplyTgt, r, true, "recipient")
		}
	}
	for k, role := range row.roles {
		for n, h := range cells[k] {
			switch role {
			case colOwner, colManager:
				// "PT Arus Selatan, Surabaya": a place after the party
				// is its seat, not another owner
				if t := c.typ(h); n > 0 && (t == graph.Location || t == graph.Country) && c.typ(cells[k][0]) == graph.Organization {
					emit(graph.LocatedIn, nil, locTgt, cells[k][0], h, "seat", nil)
					continue
				}
				emitSubj(graph.Operates, actors, nil, h, false, "owner")
			case colLeader:
				emitSubj(graph.Leads, map[graph.EntityType]bool{graph.Person: true}, nil, h, false, "leader")
			case colParent:
				emitSubj(graph.PartOf, nil, partTgt, h, true, "parent")
			case colSubsidiary:
				emitSubj(graph.PartOf, nil, partTgt, h, false, "subsidiary")
			case colFlag:
				emitSubj(graph.LinkedTo, nil, map[graph.EntityType]bool{graph.Country: true}, h, true, "flag")
			case colPlace:
				emitSubj(graph.LocatedIn, nil, locTgt, h, true, "place")
			case colSanctioner:
				emitSubj(graph.Sanctioned, map[graph.EntityType]bool{graph.Country: true, graph.Organization: true}, nil, h, false, "sanctioner")
			case colFinancer:
				if p := first(colPayee); len(p) > 0 {
					emit(graph.Finances, actors, actors, h, p[0], "payer-payee", nil)
				} else {
					emitSubj(graph.Finances, actors, nil, h, false, "payer")
				}
			case colPayee:
				if len(first(colFinancer)) == 0 {
					emitSubj(graph.Finances, actors, nil, h, true, "payee")
				}
			}
		}
	}
}

// fieldRow reads a row of a field table: "| Name | X |" (or Company, Vessel,
// Entity) names the table's subject; "| Registered owner | Y |" relates Y to
// it as the label's column role says.
func (c *sctx) fieldRow(cells [][]int, texts []string) {
	if len(cells) < 2 || len(cells[1]) == 0 {
		return
	}
	d := c.d
	role := roleOfHeader(strings.ToLower(texts[0]))
	if role == colSubject {
		n, t := c.name(cells[1][0])
		d.recordName, d.recordType, d.recordSent = n, t, c.si
		return
	}
	rec, rt := d.recordName, d.recordType
	if rec == "" || c.si-d.recordSent > 30 {
		return
	}
	c.applyFieldRole(role, rec, rt, cells[1], "table:field")
}

// applyFieldRole relates the names hs of a field (a table cell or a
// "Label: value" line) to the record's subject as the label's role says.
func (c *sctx) applyFieldRole(role colRole, rec string, rt graph.EntityType, hs []int, rule string) {
	actors := map[graph.EntityType]bool{graph.Country: true, graph.Organization: true, graph.Person: true}
	for _, h := range hs {
		n, t := c.name(h)
		emit := func(typ graph.RelationType, sT, tT map[graph.EntityType]bool, subjIsSource bool) {
			if subjIsSource {
				c.emitNames(typ, sT, tT, rec, rt, n, t, -1, 0.7, rule, nil)
			} else {
				c.emitNames(typ, sT, tT, n, t, rec, rt, -1, 0.7, rule, nil)
			}
		}
		switch role {
		case colOwner, colManager:
			emit(graph.Operates, actors, nil, false)
		case colLeader:
			emit(graph.Leads, map[graph.EntityType]bool{graph.Person: true}, nil, false)
		case colParent:
			emit(graph.PartOf, nil, partTgt, true)
		case colSubsidiary:
			emit(graph.PartOf, nil, partTgt, false)
		case colFlag:
			emit(graph.LinkedTo, nil, map[graph.EntityType]bool{graph.Country: true}, true)
		case colPlace:
			emit(graph.LocatedIn, nil, locTgt, true)
		case colSanctioner:
			emit(graph.Sanctioned, map[graph.EntityType]bool{graph.Country: true, graph.Organization: true}, nil, false)
		case colSupplier, colFinancer:
			typ := graph.Supplies
			if role == colFinancer {
				typ = graph.Finances
			}
			emit(typ, actors, nil, false)
		case colRecipient, colPayee:
			typ := graph.Supplies
			if role == colPayee {
				typ = graph.Finances
			}
			emit(typ, nil, actors, true)
		}
	}
}

// cellFields reads "Label: value" pairs inside the cells of a table row
// ("| X | Address: Minsk, Belarus; Flag: Togo |") about the row's subject.
func (c *sctx) cellFields(subj string, st graph.EntityType) {
	us := c.units
	for i := 1; i+1 < len(us); i++ {
		if us[i].low != ":" || us[i-1].tag != uW {
			continue
		}
		// the label: the words back to a cell border or ";"
		k := i - 1
		for k-1 >= 0 && us[k-1].tag == uW && i-k < 3 {
			k--
		}
		var words []string
		for q := k; q < i; q++ {
			words = append(words, us[q].low)
		}
		role := roleOfHeader(strings.Join(words, " "))
		if role == colNone || role == colSubject || role == colItem {
			continue
		}
		var hs []int
		for q := i + 1; q < len(us) && us[q].low != ";" && us[q].low != "|"; q++ {
			if us[q].tag == uM && c.typ(q) != graph.Item {
				hs = append(hs, q)
			}
		}
		c.applyFieldRole(role, subj, st, hs, "table:cell-field")
	}
}
