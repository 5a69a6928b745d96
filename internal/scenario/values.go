package scenario

// Values returns a copy of the Doc's values as a file holds them, with the
// sets made since it was parsed (not defaulted, not merged with the
// catalog): what a scenario file written from it would say. The copy is
// deep, so the caller may change it (cardio serve saves it as a new file).
func (d *Doc) Values() map[string]any {
	return deepCopy(d.top).(map[string]any)
}
