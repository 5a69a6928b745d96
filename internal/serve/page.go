package serve

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"path"
)

// assets are the page, its script and its style: no build step, nothing
// fetched from the network.
//
//go:embed assets
var assets embed.FS

var pageTmpl = template.Must(template.ParseFS(assets, "assets/index.html"))

// contentPolicy lets the page run its own script only: no inline script,
// nothing from elsewhere. Inline styles are allowed for the charts' SVG.
const contentPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

type pageData struct {
	Token string
	Files []string
}

// handlePage serves the workbench, starting a session when the browser
// has none: its id in an HttpOnly, SameSite=Strict cookie, its token in
// the page for the script to send with each change.
func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	ss := s.lookup(r)
	if ss == nil {
		ss = s.newSession()
		http.SetCookie(w, &http.Cookie{Name: cookieName, Value: ss.id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	}
	data := pageData{Token: ss.token}
	for i := range s.files {
		data.Files = append(data.Files, s.fileName(i))
	}
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, data); err != nil {
		s.solveError(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", contentPolicy)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) handleAsset(w http.ResponseWriter, r *http.Request) {
	name := path.Base(r.URL.Path)
	data, err := assets.ReadFile("assets/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	switch path.Ext(name) {
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	}
	_, _ = w.Write(data)
}
