"""The dashboard's CSS: one column on phones, the key charts above the fold on a 1280x720
projector, three columns on wide screens; a scrolling trust matrix for crowded worlds."""

CSS = """
.brink-header { display: flex; align-items: center; gap: 8px; padding: 4px 8px; border-bottom: 1px solid #ddd;
  background: #1f2d3d; color: white; }
.brink-header .v-btn { color: white !important; }
.brink-title { font-size: 17px; font-weight: 600; }
.brink-layout { display: flex; align-items: flex-start; gap: 12px; padding: 6px 10px; }
.brink-controls { flex: 0 0 290px; max-height: calc(100vh - 60px); overflow: hidden auto; position: sticky; top: 4px; }
.brink-main { flex: 1 1 auto; min-width: 0; }
.brink-sidebar > * { min-width: 0; max-width: 100%; }
.brink-play-controls { flex-wrap: wrap; }
.brink-quick { display: flex; gap: 2px; }
.brink-views .v-btn-toggle { flex-wrap: wrap; }
.brink-phasebar { font-size: 15px; margin: 4px 0 6px 0; }
.brink-phase { padding: 2px 10px; border-radius: 10px; font-weight: 600; text-transform: uppercase;
  letter-spacing: .04em; color: #111; }
.brink-outcome { color: white; padding: 8px 14px; border-radius: 6px; font-size: 16px; margin-bottom: 8px; }
.brink-grid { display: grid; gap: 10px; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr));
  margin-bottom: 10px; }
.brink-key { grid-template-columns: minmax(0, 1.25fr) minmax(0, 1.25fr) minmax(220px, 0.8fr); }
.brink-chart { min-height: 120px; min-width: 0; height: 100%; box-sizing: border-box; position: relative;
  border: 1px solid #eee; border-radius: 6px; }
.brink-chart-tools { position: absolute; left: 4px; bottom: 2px; }
.brink-chart-tools .v-btn { min-width: 0 !important; height: 22px !important; font-size: 11px;
  padding: 0 6px !important; }
.brink-trust-scroll { overflow: auto; max-height: 460px; min-width: 0; }
.brink-eventlog { overflow-y: auto; border: 1px solid #e3e3e3; border-radius: 6px; padding: 6px 10px;
  font-size: 14px; background: #fcfcfc; }
.brink-eventlog h4 { margin: 2px 0 6px 0; }
.brink-eventlog ul { padding-left: 16px; margin: 0; }
.brink-eventlog li { margin-bottom: 4px; }
.brink-eventlog summary { cursor: pointer; }
.brink-event-numbers { color: #555; font-size: 12px; margin: 2px 0 4px 14px; }
.brink-eventlog li.brink-kind-outcome { color: #922b21; font-weight: 600; }
.brink-eventlog li.brink-kind-phase { color: #1a5276; }
.brink-monitor { border: 1px solid #e3e3e3; border-radius: 6px; padding: 6px 10px; font-size: 14px; }
.brink-monitor h4 { margin: 0 0 4px 0; }
.brink-monitor th { text-align: left; font-weight: normal; color: #555; padding-right: 8px; }
.brink-param { margin-bottom: -6px; }
.brink-param-head { font-size: 13px; }
.brink-param-value, .brink-speed-value { font-weight: 600; color: #1a5276; }
.brink-divergence { font-weight: 600; color: #ad1457; margin: 6px 0; }
.brink-compare-col { border-top: 3px solid #ddd; padding-top: 4px; min-width: 0; }
.brink-compare { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 12px; }
.brink-info { max-width: 900px; font-size: 15px; }
.brink-partial { color: #9a5b00; font-weight: 600; }
.brink-upload-error .v-alert__content, .brink-error .v-alert__content,
.brink-editor-status .v-alert__content { white-space: pre-line; }
.brink-editor-help { margin: 8px 0 4px 0; }
.brink-form { max-width: 1100px; }
.brink-form-sections { flex-wrap: wrap; margin: 6px 0; }
.brink-form-fields { display: grid; gap: 14px 18px; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
  margin: 4px 0 8px 0; }
.brink-form-table { border-left: 3px solid #d6e4f0; padding: 2px 0 2px 10px; margin: 14px 0 8px 0; }
.brink-form-table.brink-form-top { border-left: none; padding-left: 0; margin-top: 4px; }
.brink-form-list { max-width: 340px; }
.brink-form-about { font-size: 13px; color: #444; margin-bottom: 12px; }
.brink-field-pair { display: flex; gap: 10px; }
.brink-field .v-messages__message { line-height: 1.25; }
@media (max-width: 1100px) {
  .brink-key { grid-template-columns: minmax(0, 1fr); }
}
@media (max-width: 760px) {
  .brink-layout { flex-direction: column; padding: 4px; }
  .brink-controls { flex: none; width: 100%; max-height: none; position: static; }
  .brink-grid, .brink-key, .brink-compare { grid-template-columns: minmax(0, 1fr); }
  .brink-title { display: none; }  /* the header keeps the controls toggle and Step/Play */
}
"""
