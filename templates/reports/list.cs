<?cs # list.cs: a report that is a list (temp workers, invoice lines, invoiced hours per month, invoice or worker): the filters, the rows (Page.Table, written in table.c) with their totals, the downloads ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Reports[Page.Report].Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Reports[Page.Report].Title ?></h1></div>
<?cs include:"reports/filters.cs" ?>
<?cs if:Page.Total > 0 ?>
<?cs if:Page.TooMany ?><div class="alert alert-warn" role="alert"><?cs var:Lang.Reports.TooMany ?></div><?cs /if ?>
<?cs if:Page.More ?><div class="alert alert-info" role="status"><?cs var:Lang.Reports.More ?></div><?cs /if ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Reports[Page.Report].Title ?>"><table class="data report">
<?cs # Page.Table is HTML that table.c wrote, every value escaped as this template escapes: printed as it is. ?>
<?cs uvar:Page.Table ?>
</table></div>
<?cs else ?>
<div class="panel"><p><?cs var:Lang.Reports.None ?></p></div>
<?cs /if ?>
<?cs include:"reports/downloads.cs" ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
