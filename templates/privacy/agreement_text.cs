<?cs # agreement_text.cs: the text of the processing agreement (Page.Agreement.Parts: headings, and paragraphs of lines), below a heading of level 2 ?>
<?cs def:agreement_text() ?>
<div class="agreement-text" lang="<?cs var:Page.Agreement.Lang ?>">
<?cs each:part = Page.Agreement.Parts ?><?cs if:part.Heading ?>
<h3><?cs var:part.Heading ?></h3>
<?cs else ?>
<p><?cs each:line = part.Lines ?><?cs if:name(line) != "0" ?><br>
<?cs /if ?><?cs var:line ?><?cs /each ?></p>
<?cs /if ?><?cs /each ?>
</div>
<?cs /def ?>
