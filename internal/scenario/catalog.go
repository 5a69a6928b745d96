package scenario

// builtinCatalog is the built-in function catalog: defaults from sales
// operations practice, for each user to calibrate. Multipliers are in the
// order launch, growth, expansion, margin. docs/catalog.md is generated from
// it (TestCatalogDoc in internal/report).
var builtinCatalog = []struct {
	id, name string
	class    Class
	locality Locality
	per100   float64
	perReg   float64
	mult     [4]float64
}{
	{"territories", "Territory design", Heart, Central, 0.3, 0.2, [4]float64{1.0, 1.0, 1.1, 1.0}},
	{"quotas", "Quota setting", Heart, Central, 0.3, 0.2, [4]float64{1.0, 1.0, 1.1, 1.1}},
	{"comp_admin", "Compensation administration", Heart, Central, 0.6, 0.2, [4]float64{1.0, 1.1, 1.2, 1.2}},
	{"comp_design", "Compensation design", Heart, Local, 0.2, 0.2, [4]float64{0.8, 1.0, 1.1, 1.2}},
	{"reporting", "Sales reporting", Heart, Central, 0.4, 0.2, [4]float64{0.7, 1.0, 1.2, 1.3}},
	{"crm_admin", "CRM administration", Heart, Central, 0.4, 0.2, [4]float64{0.7, 1.0, 1.1, 1.1}},
	{"pipeline", "Pipeline management", Heart, Either, 0.4, 0.1, [4]float64{0.8, 1.0, 1.2, 1.2}},
	{"cpq", "Quoting and CPQ", Heart, Either, 0.5, 0.1, [4]float64{0.3, 0.6, 1.0, 1.4}},
	{"deal_reviews", "Deal reviews", Heart, Either, 0.3, 0.1, [4]float64{0.2, 0.5, 0.9, 1.5}},
	{"sales_support", "Sales support", Heart, Local, 1.0, 0.2, [4]float64{0.8, 1.0, 1.1, 1.1}},
	{"proposals", "Proposals", Heart, Local, 0.6, 0.1, [4]float64{0.5, 0.8, 1.0, 1.3}},
	{"analytics", "Sales analytics", Brain, Central, 0.3, 0.1, [4]float64{0.3, 0.6, 1.0, 1.3}},
	{"planning", "Sales planning", Brain, Central, 0.2, 0.1, [4]float64{0.3, 0.6, 1.0, 1.2}},
	{"market_advisory", "Market advice", Brain, Either, 0.2, 0.1, [4]float64{0.3, 0.6, 1.0, 1.2}},
	{"enablement", "Sales enablement", Brain, Either, 0.3, 0.1, [4]float64{0.6, 1.0, 1.1, 1.0}},
	{"content", "Sales content", Brain, Either, 0.2, 0.1, [4]float64{0.5, 0.8, 1.0, 1.1}},
}

// Default values of a scenario's keys (docs/scenario.md), in one place.
const (
	DefaultHealthyHeart       = 0.9
	DefaultHeartWeight        = 1.0
	DefaultBrainWeight        = 1.0
	DefaultWeight             = 1.0
	DefaultLocalEffectiveness = 1.0
	DefaultCurrency           = "USD"
)

// DefaultCentralEffectiveness is policy.central_effectiveness by locality.
func DefaultCentralEffectiveness() map[Locality]float64 {
	return map[Locality]float64{Central: 1.25, Either: 1.0, Local: 0.6}
}

// BuiltinFunctions returns a fresh copy of the built-in catalog, each
// function with every default a scenario gives it: central effectiveness
// is the default policy's for its locality (a scenario's own
// policy.central_effectiveness replaces it when loaded), so that a view of
// the catalog never shows a central FTE delivering nothing.
func BuiltinFunctions() []Function {
	ce := DefaultCentralEffectiveness()
	fs := make([]Function, 0, len(builtinCatalog))
	for _, c := range builtinCatalog {
		m := make(map[Stage]float64, len(Stages))
		for i, st := range Stages {
			m[st] = c.mult[i]
		}
		fs = append(fs, Function{
			ID: c.id, Name: c.name, Class: c.class, Locality: c.locality,
			FTEPer100Sellers: c.per100, FTEPerRegion: c.perReg, StageMultipliers: m,
			Weight: DefaultWeight, LocalEffectiveness: DefaultLocalEffectiveness,
			CentralEffectiveness: ce[c.locality],
		})
	}
	return fs
}
