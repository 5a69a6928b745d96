package scenario

import (
	"fmt"
	"strconv"
	"strings"
)

// Number returns the current numeric value of key in a loaded scenario,
// defaults filled: the value a --set of the same key would replace. The key
// is written as --set takes it (budget.annual, regions[EMEA].sellers,
// investments[cpq].cost.per_year, functions[comp_admin].min_coverage).
// Sweeps over percentages of the base value read it here.
//
// A key that is not a number of the scenario, or that is not set and has no
// numeric default (policy.max_fte without a cap, budget.annual with a
// per-period budget), is an error. Functions of the built-in catalog are
// selected by id: an index into the file's functions list is ambiguous once
// the catalog is merged.
func (s *Scenario) Number(key string) (float64, error) {
	o, err := parseOverride(key + "=0")
	if err != nil {
		return 0, err
	}
	var cur any = s.tree()
	path := ""
	for i, st := range o.steps {
		if !st.isSel {
			m, ok := cur.(map[string]any)
			if !ok {
				return 0, fmt.Errorf("%s is not a mapping: it has no key %q", path, st.key)
			}
			v, ok := m[st.key]
			path = joinKey(path, st.key)
			if !ok || v == nil {
				return 0, fmt.Errorf("%s has no value in this scenario (not set, and no numeric default)", path)
			}
			cur = v
			continue
		}
		list, ok := cur.([]map[string]any)
		if !ok {
			if nums, isNums := cur.([]float64); isNums {
				k, err := strconv.Atoi(st.sel)
				if err != nil || k < 0 || k >= len(nums) {
					return 0, fmt.Errorf("%s has no element [%s]: it has %d", path, st.sel, len(nums))
				}
				if i != len(o.steps)-1 {
					return 0, fmt.Errorf("%s[%d] is a number", path, k)
				}
				return nums[k], nil
			}
			return 0, fmt.Errorf("%s is not a list: it has no element [%s]", path, st.sel)
		}
		k, err := s.pick(list, st.sel, path)
		if err != nil {
			return 0, err
		}
		path = fmt.Sprintf("%s[%d]", path, k)
		cur = list[k]
	}
	switch x := cur.(type) {
	case float64:
		return x, nil
	case int:
		return float64(x), nil
	}
	return 0, fmt.Errorf("%s is not a number", path)
}

// pick chooses a list element as an override's selector does: an index, or
// the element whose id or name (ignoring case, or as its slug) is sel.
func (s *Scenario) pick(list []map[string]any, sel, path string) (int, error) {
	if k, err := strconv.Atoi(sel); err == nil {
		if path == "functions" && s.Catalog != "none" {
			return 0, fmt.Errorf("select a function by id, such as functions[comp_admin]: with the built-in catalog, functions[%d] is ambiguous", k)
		}
		if k < 0 || k >= len(list) {
			return 0, fmt.Errorf("index %d is out of range: %s has %d elements", k, path, len(list))
		}
		return k, nil
	}
	var cands []candidate
	for k, el := range list {
		id, _ := el["id"].(string)
		name, _ := el["name"].(string)
		if id == sel || name != "" && (strings.EqualFold(name, sel) || slug(name, k) == sel) {
			return k, nil
		}
		cands = addCandidate(cands, elementCandidate(path, id, name))
	}
	return 0, noElement(path, sel, cands)
}

// tree is the scenario's numbers under the keys of the file, defaults filled.
func (s *Scenario) tree() map[string]any {
	budget := map[string]any{"change_per_year": s.Budget.ChangePerYear}
	if s.Budget.PerPeriod != nil {
		budget["per_period"] = s.Budget.PerPeriod
	} else {
		budget["annual"] = s.Budget.Annual
	}
	pol := s.Policy
	ce := map[string]any{}
	for l, v := range pol.CentralEffectiveness {
		ce[string(l)] = v
	}
	policy := map[string]any{
		"healthy_heart": pol.HealthyHeart, "heart_weight": pol.HeartWeight, "brain_weight": pol.BrainWeight,
		"central_share":         map[string]any{"min": pol.CentralShare.Min, "max": pol.CentralShare.Max},
		"central_effectiveness": ce,
	}
	if pol.HasMaxFTE() {
		policy["max_fte"] = pol.MaxFTE
	}
	regions := make([]map[string]any, len(s.Regions))
	for r, reg := range s.Regions {
		m := teamTree(reg.Team)
		m["name"], m["id"] = reg.Name, reg.ID
		m["sellers"], m["seller_growth_per_year"] = reg.Sellers, reg.SellerGrowthPerYear
		regions[r] = m
	}
	funcs := make([]map[string]any, len(s.Functions))
	for f, fn := range s.Functions {
		sm := map[string]any{}
		for st, v := range fn.StageMultipliers {
			sm[string(st)] = v
		}
		funcs[f] = map[string]any{
			"id": fn.ID, "name": fn.Name, "fte_per_100_sellers": fn.FTEPer100Sellers, "fte_per_region": fn.FTEPerRegion,
			"stage_multipliers": sm, "weight": fn.Weight, "min_coverage": fn.MinCoverage,
			"local_effectiveness": fn.LocalEffectiveness, "central_effectiveness": fn.CentralEffectiveness,
		}
	}
	invs := make([]map[string]any, len(s.Investments))
	for i, inv := range s.Investments {
		invs[i] = map[string]any{
			"id": inv.ID, "name": inv.Name,
			"cost":                  map[string]any{"upfront": inv.Upfront, "per_year": inv.PerYear},
			"covers":                numbers(inv.Covers),
			"seller_hours_per_week": inv.SellerHoursPerWeek, "ramp_periods": inv.RampPeriods,
		}
	}
	return map[string]any{
		"horizon": map[string]any{"periods": s.Horizon.Periods},
		"budget":  budget, "policy": policy, "central": teamTree(s.Central),
		"regions": regions, "functions": funcs, "investments": invs,
		"checkup": numbers(s.Checkup),
	}
}

func teamTree(t Team) map[string]any {
	m := map[string]any{"cost_per_fte": t.CostPerFTE, "current_fte": numbers(t.CurrentFTE), "hire_cost": t.HireCost, "exit_cost": t.ExitCost}
	if t.HasHireLimit() {
		m["max_hires_per_period"] = t.MaxHiresPerPeriod
	}
	if t.HasExitLimit() {
		m["max_exits_per_period"] = t.MaxExitsPerPeriod
	}
	return m
}

func numbers(m map[string]float64) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
