<?cs # client.cs: the client report — per month the invoiced amount, the unique temp workers and the temps at work per working day beside the same month a year earlier, a chart of the invoiced amounts (inline SVG, drawn here from Page.Chart) and the same figures as a table (Page.Table, written in table.c) ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Reports.Client.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Reports.Client.Title ?></h1></div>
<?cs include:"reports/filters.cs" ?>
<figure class="panel chart" tabindex="0" aria-labelledby="chart-h">
<figcaption id="chart-h"><?cs var:Lang.Reports.ChartTitle ?></figcaption>
<svg role="img" aria-labelledby="chart-h chart-d" viewBox="0 0 <?cs var:Page.Chart.Width ?> 210" width="<?cs var:Page.Chart.Width ?>" height="210" class="chart-svg" focusable="false">
  <desc id="chart-d"><?cs var:Lang.Reports.ChartHelp ?></desc>
  <line x1="36" y1="180" x2="<?cs var:Page.Chart.Width ?>" y2="180" class="axis"/>
  <text x="36" y="14" class="chart-top"><?cs var:Lang.Reports.ChartTop ?>: <?cs var:Page.Chart.Top ?></text>
  <?cs each:b = Page.Chart.Bars ?>
  <rect x="<?cs var:b.BX ?>" y="<?cs var:b.BY ?>" width="<?cs var:Page.Chart.Bar ?>" height="<?cs var:b.BH ?>" class="bar-before"/>
  <rect x="<?cs var:b.X ?>" y="<?cs var:b.Y ?>" width="<?cs var:Page.Chart.Bar ?>" height="<?cs var:b.H ?>" class="bar-now"><title><?cs var:Lang.Reports.Months[b.Label] ?>: <?cs var:b.Value ?></title></rect>
  <text x="<?cs var:b.LX ?>" y="196" text-anchor="middle" class="chart-label"><?cs var:Lang.Reports.Months[b.Label] ?></text>
  <?cs /each ?>
</svg>
<p class="legend"><span class="key key-now" aria-hidden="true"></span> <?cs var:Lang.Reports.ChartNow ?> <span class="key key-before" aria-hidden="true"></span> <?cs var:Lang.Reports.ChartBefore ?></p>
</figure>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Reports.Client.Title ?>"><table class="data report">
<?cs # Page.Table is HTML that table.c wrote, every value escaped as this template escapes: printed as it is. ?>
<?cs uvar:Page.Table ?>
</table></div>
<p class="muted small"><?cs var:Lang.Reports.AtWorkHelp ?></p>
<?cs include:"reports/downloads.cs" ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
