<?cs # rows.cs: the rows of a week's hours as a form — an entry each (day, start, end, past midnight, break, position, remark; on a phone stacked, labelled, a day in words), the user's input kept with its message when refused. Page.RowsShown rows of Page.RowCount; an empty row is no entry, or the entry removed. ?>
<?cs def:rowerr(name) ?><?cs if:Page.Errors[name] ?><p class="field-error" id="e-<?cs var:name ?>"><?cs var:Lang.Errors[Page.Errors[name]] ?></p><?cs /if ?><?cs /def ?>
<?cs def:rowattr(name) ?><?cs if:Page.Errors[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?><?cs /def ?>
<?cs def:rowfield(kind, i, label, type) ?><div class="field field-<?cs var:kind ?><?cs if:Page.Errors[kind + i] ?> has-error<?cs /if ?>"><label for="f-<?cs var:kind + i ?>"><?cs var:label ?></label>
  <input id="f-<?cs var:kind + i ?>" name="<?cs var:kind + i ?>" type="<?cs var:type ?>" value="<?cs var:Page.Form[kind + i] ?>"<?cs if:type == "number" ?> min="0" max="720" inputmode="numeric"<?cs elif:type == "text" ?> autocomplete="off"<?cs /if ?><?cs call:rowattr(kind + i) ?>>
  <?cs call:rowerr(kind + i) ?></div><?cs /def ?>
<?cs def:rows() ?>
<input type="hidden" name="rev" value="<?cs var:Page.Form.rev ?>">
<p class="muted small"><?cs var:Lang.Timesheets.Sheet.RowsHelp ?></p>
<?cs loop:i = 1, Page.RowCount, 1 ?><?cs if:i <= Page.RowsShown ?>
<fieldset class="inline entry-row"><legend><?cs var:Lang.Timesheets.Sheet.Row ?> <?cs var:i ?></legend>
  <?cs if:Page.Form["entry" + i] ?><input type="hidden" name="entry<?cs var:i ?>" value="<?cs var:Page.Form["entry" + i] ?>"><?cs /if ?>
  <div class="field field-day<?cs if:Page.Errors["day" + i] ?> has-error<?cs /if ?>"><label for="f-day<?cs var:i ?>"><?cs var:Lang.Timesheets.Sheet.Day ?></label>
    <select id="f-day<?cs var:i ?>" name="day<?cs var:i ?>"<?cs call:rowattr("day" + i) ?>><option value=""></option><?cs each:d = Page.WeekDays ?><option value="<?cs var:d ?>"<?cs if:d == Page.Form["day" + i] ?> selected<?cs /if ?>><?cs set:Opt.D = string.slice(d, 8, 10) ?><?cs set:Opt.M = string.slice(d, 5, 7) ?><?cs var:Lang.Timesheets.Days[name(d)] ?> <?cs var:#Opt.D ?> <?cs var:Lang.Date.Month[#Opt.M] ?></option><?cs /each ?></select>
    <?cs call:rowerr("day" + i) ?></div>
  <?cs call:rowfield("start", i, Lang.Timesheets.Sheet.Start, "time") ?>
  <?cs call:rowfield("end", i, Lang.Timesheets.Sheet.End, "time") ?>
  <div class="field field-check field-overnight"><label><input type="checkbox" name="overnight<?cs var:i ?>" value="1"<?cs if:Page.Form["overnight" + i] ?> checked<?cs /if ?>> <?cs var:Lang.Timesheets.Sheet.Overnight ?></label></div>
  <?cs call:rowfield("break", i, Lang.Timesheets.Sheet.Break, "number") ?>
  <?cs call:rowfield("position", i, Lang.Timesheets.Position, "text") ?>
  <?cs call:rowfield("remark", i, Lang.Timesheets.Sheet.Remark, "text") ?>
</fieldset>
<?cs /if ?><?cs /loop ?>
<?cs /def ?>
