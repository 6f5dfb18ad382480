<?cs # clients.cs: choosing the client (or the unit at another client) of a report, by name; each choice opens the same report over the same period. Page.Route is that report's path, Page.Query its period, Page.PagerQuery this page's filters. ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Reports.Clients.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Reports.Clients.Title ?></h1></div>
<?cs call:form_summary() ?>
<form method="get" action="<?cs var:Page.Prefix ?>/reports/clients" class="toolbar" role="search">
  <input type="hidden" name="report" value="<?cs var:Page.ReportKey ?>">
  <?cs if:Page.Form.from ?><input type="hidden" name="from" value="<?cs var:Page.Form.from ?>"><?cs /if ?>
  <?cs if:Page.Form.to ?><input type="hidden" name="to" value="<?cs var:Page.Form.to ?>"><?cs /if ?>
  <?cs if:Page.Form.by ?><input type="hidden" name="by" value="<?cs var:Page.Form.by ?>"><?cs /if ?>
  <?cs call:field("q", Lang.Reports.Clients.Search, "search", "off", 1) ?>
  <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Reports.Filter ?></button></div>
</form>
<?cs if:subcount(Page.Units) > 0 ?>
<section class="panel" aria-labelledby="units-h"><h2 id="units-h"><?cs var:Lang.Reports.Clients.Units ?></h2>
<ul class="choices"><?cs each:u = Page.Units ?><li><a href="<?cs var:Page.Prefix ?><?cs var:Page.Route ?>?unit=<?cs var:u.Id ?><?cs if:Page.Query ?>&amp;<?cs var:Page.Query ?><?cs /if ?>"><?cs var:u.Name ?></a> <span class="muted">(<?cs var:u.Client ?>)</span></li><?cs /each ?></ul>
</section>
<?cs /if ?>
<?cs if:subcount(Page.Clients) > 0 ?>
<section class="panel" aria-labelledby="clients-h"><h2 id="clients-h"><?cs var:Lang.Reports.Clients.Clients ?></h2>
<ul class="choices"><?cs each:c = Page.Clients ?><li><a href="<?cs var:Page.Prefix ?><?cs var:Page.Route ?>?unit=<?cs var:c.Id ?><?cs if:Page.Query ?>&amp;<?cs var:Page.Query ?><?cs /if ?>"><?cs var:c.Name ?></a></li><?cs /each ?></ul>
<?cs if:Page.Prev || Page.Next ?><nav class="pagination" aria-label="<?cs var:Lang.Admin.Pager.Label ?>"><ul>
  <?cs if:Page.Prev ?><li><a href="<?cs var:Page.Prefix ?>/reports/clients?<?cs var:Page.PagerQuery ?>&amp;page=<?cs var:Page.Prev ?>" rel="prev"><?cs var:Lang.Admin.Pager.Prev ?></a></li><?cs /if ?>
  <?cs if:Page.Next ?><li><a href="<?cs var:Page.Prefix ?>/reports/clients?<?cs var:Page.PagerQuery ?>&amp;page=<?cs var:Page.Next ?>" rel="next"><?cs var:Lang.Admin.Pager.Next ?></a></li><?cs /if ?>
</ul></nav><?cs /if ?>
</section>
<?cs elif:subcount(Page.Units) == 0 ?>
<div class="panel"><p class="muted"><?cs var:Lang.Reports.Clients.None ?></p></div>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
