<?cs # filters.cs: what every report shows above its figures — the reports one may open, the unit, period and position, the downloads of the same figures. Page.Route is the report's path; Page.Units the units of the report's client, another client is chosen at /reports/clients. ?>
<nav class="report-tabs" aria-label="<?cs var:Lang.Reports.Title ?>"><ul>
  <?cs if:Page.MayReport ?><li><a href="<?cs var:Page.Prefix ?>/reports/?<?cs var:Page.Query ?>"<?cs if:Page.Report == "Client" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Reports.Client.Title ?></a></li>
  <li><a href="<?cs var:Page.Prefix ?>/reports/workers?<?cs var:Page.Query ?>"<?cs if:Page.Report == "Workers" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Reports.Workers.Title ?></a></li><?cs /if ?>
  <?cs if:Page.MayInvoice ?><li><a href="<?cs var:Page.Prefix ?>/reports/invoices?<?cs var:Page.Query ?>"<?cs if:Page.Report == "Invoices" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Reports.Invoices.Title ?></a></li>
  <li><a href="<?cs var:Page.Prefix ?>/reports/hours?<?cs var:Page.Query ?>"<?cs if:Page.Route == "/reports/hours" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Reports.ByMonth.Title ?></a></li><?cs /if ?>
</ul></nav>
<form method="get" action="<?cs var:Page.Prefix ?><?cs var:Page.Route ?>" class="toolbar" novalidate>
  <?cs call:form_summary() ?>
  <?cs if:subcount(Page.Units) > 1 ?><div class="field"><label for="f-unit"><?cs var:Lang.Reports.Unit ?></label>
    <select id="f-unit" name="unit"><?cs each:u = Page.Units ?><option value="<?cs var:u.Id ?>"<?cs if:u.Id == Page.Form.unit ?> selected<?cs /if ?>><?cs loop:i = 1, u.Depth, 1 ?>— <?cs /loop ?><?cs var:u.Name ?></option><?cs /each ?></select></div>
  <?cs else ?><input type="hidden" name="unit" value="<?cs var:Page.Form.unit ?>"><?cs /if ?>
  <?cs if:Page.OtherClients ?><p class="field"><a href="<?cs var:Page.Prefix ?>/reports/clients?<?cs var:Page.ChooseQuery ?>"><?cs var:Lang.Reports.OtherClient ?></a></p><?cs /if ?>
  <?cs call:field("from", Lang.Reports.From, "month", "off", 1) ?>
  <?cs call:field("to", Lang.Reports.To, "month", "off", 1) ?>
  <div class="field"><label for="f-position"><?cs var:Lang.Reports.Position ?></label>
    <select id="f-position" name="position"><option value=""><?cs var:Lang.Reports.AllPositions ?></option>
    <?cs each:p = Page.Positions ?><option value="<?cs var:p ?>"<?cs if:p == Page.Form.position ?> selected<?cs /if ?>><?cs var:p ?></option><?cs /each ?></select></div>
  <?cs if:Page.Route == "/reports/hours" ?><div class="field"><label for="f-by"><?cs var:Lang.Reports.By ?></label>
    <select id="f-by" name="by"><?cs each:b = Page.Bys ?><option value="<?cs var:b ?>"<?cs if:b == Page.Form.by ?> selected<?cs /if ?>><?cs var:Lang.Reports.ByShort[b] ?></option><?cs /each ?></select></div><?cs /if ?>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Reports.Filter ?></button></div>
</form>
<p class="report-scope"><strong><?cs var:Page.UnitName ?></strong> · <?cs var:Lang.Reports.Period ?> <?cs var:Page.First ?> – <?cs var:Page.Last ?><?cs if:Page.Form.position ?> · <?cs var:Page.Form.position ?><?cs /if ?></p>
