<?cs # downloads.cs: the same figures as a workbook and as CSV; on paper the print stylesheet leaves out all but the figures. ?>
<section class="panel downloads" aria-labelledby="downloads-h">
<h2 id="downloads-h"><?cs var:Lang.Reports.Download ?></h2>
<p><a class="btn" href="<?cs var:Page.Prefix ?><?cs var:Page.Export ?>.xlsx?<?cs var:Page.ExportQuery ?>"><?cs var:Lang.Reports.Xlsx ?></a>
  <a class="btn" href="<?cs var:Page.Prefix ?><?cs var:Page.Export ?>.csv?<?cs var:Page.ExportQuery ?>"><?cs var:Lang.Reports.Csv ?></a></p>
</section>
