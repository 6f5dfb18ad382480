<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.ConsentRequest.Text ?> <?cs var:Mail.Until ?>.

<?cs var:Lang.Mail.ConsentRequest.Ask ?> <?cs var:Mail.Months ?> <?cs var:Lang.Mail.ConsentRequest.Months ?>

<?cs var:Mail.Link ?>

<?cs var:Lang.Mail.ConsentRequest.Valid ?> <?cs var:Mail.LinkDays ?> <?cs var:Lang.Mail.ConsentRequest.Days ?> <?cs var:Lang.Mail.ConsentRequest.Otherwise ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
